package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** When days are closed: on a clock soon after midnight, at start-up for earlier days, never too early. */
class DayClosingTests {

    private static final LocalDate YESTERDAY = LocalDate.parse("2026-11-26");
    private static final Instant MIDNIGHT = Instant.parse("2026-11-27T00:00:00Z");

    @TempDir
    Path directory;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<@Nullable Instant> held = new AtomicReference<>();

    @Test
    void closesYesterdayOnceTheCloseDelayIsOverWithoutWaitingForAMessage() throws IOException {
        writeDay(YESTERDAY);

        closing(MIDNIGHT.plusSeconds(119)).closeDueDays();
        assertThat(files().plain(YESTERDAY)).exists();

        DayClosing closing = closing(MIDNIGHT.plusSeconds(120));
        closing.closeDueDays();

        assertThat(files().plain(YESTERDAY)).doesNotExist();
        assertThat(files().compressed(YESTERDAY)).exists();
        assertThat(closing.status().daysClosed()).isEqualTo(1);
        assertThat(closing.status().daysWaiting()).isZero();
        assertThat(registry.get("collector.raw.days.closed").counter().count()).isEqualTo(1);
        assertThat(registry.get("collector.raw.days.closed.compressed").counter().count())
                .isEqualTo(Files.size(files().compressed(YESTERDAY)));
    }

    @Test
    void closesEveryEarlierDayStillOpenAtStartUpButNeverToday() throws IOException {
        LocalDate lastWeek = YESTERDAY.minusDays(6);
        writeDay(lastWeek);
        writeDay(YESTERDAY);
        writeDay(YESTERDAY.plusDays(1));

        closing(MIDNIGHT.plus(Duration.ofHours(5))).closeDueDays();

        assertThat(files().closedDays()).containsExactly(lastWeek, YESTERDAY);
        assertThat(files().openDays()).containsExactly(YESTERDAY.plusDays(1));
    }

    @Test
    void waitsWhileThePipelineHoldsAMessageReceivedOnTheDay() throws IOException {
        writeDay(YESTERDAY);
        held.set(MIDNIGHT.minusMillis(1));
        DayClosing closing = closing(MIDNIGHT.plus(Duration.ofMinutes(30)));

        closing.closeDueDays();
        assertThat(files().plain(YESTERDAY)).exists();
        assertThat(closing.status().daysWaiting()).isEqualTo(1);
        assertThat(registry.get("collector.raw.days.waiting").gauge().value()).isEqualTo(1);

        held.set(MIDNIGHT.plusSeconds(1));
        closing.closeDueDays();
        assertThat(files().plain(YESTERDAY)).doesNotExist();
    }

    @Test
    void reportsAFailureAndClosesTheDayAtALaterCheck() throws IOException {
        writeDay(YESTERDAY);
        // A directory where the compressed file's temporary file would go makes the compression fail.
        Files.createDirectories(ArchiveFiles.temporary(files().compressed(YESTERDAY)).resolve("in-the-way"));
        DayClosing closing = closing(MIDNIGHT.plus(Duration.ofHours(1)));

        closing.closeDueDays();
        assertThat(closing.status().lastError()).startsWith("2026-11-26: ");
        assertThat(files().plain(YESTERDAY)).exists();
        assertThat(registry.get("collector.raw.close.errors").counter().count()).isEqualTo(1);

        Files.delete(ArchiveFiles.temporary(files().compressed(YESTERDAY)).resolve("in-the-way"));
        closing.closeDueDays();
        assertThat(closing.status().lastError()).isNull();
        assertThat(files().plain(YESTERDAY)).doesNotExist();
    }

    @Test
    void sendsAMessageOfAClosedDayToTheNextDaysFile() throws IOException {
        RawArchive archive = new RawArchive(properties());
        writeDay(YESTERDAY);
        closing(archive, MIDNIGHT.plus(Duration.ofHours(1))).closeDueDays();

        archive.append(java.util.List.of(new ArchiveEntry(MIDNIGHT.minusSeconds(1), "sensors/s/readings", 1, false,
                false, "late".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        archive.close();

        assertThat(files().plain(YESTERDAY)).doesNotExist();
        assertThat(ArchiveDays.text(files().plain(YESTERDAY.plusDays(1)))).contains("\"payload\":\"late\"")
                .contains("\"received_at\":\"2026-11-26T23:59:59Z\"");
    }

    private DayClosing closing(Instant now) {
        return closing(new RawArchive(properties()), now);
    }

    private DayClosing closing(RawArchive archive, Instant now) {
        registry.clear();
        return new DayClosing(archive, ArchiveDays.CONTRACT, held::get, properties(),
                Clock.fixed(now, ZoneOffset.UTC), new ClosingMetrics(registry));
    }

    private ArchiveProperties properties() {
        return ArchiveDays.properties(directory);
    }

    private ArchiveFiles files() {
        return new ArchiveFiles(directory);
    }

    private void writeDay(LocalDate day) throws IOException {
        Instant noon = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12));
        Files.writeString(files().plain(day), ArchiveDays.reading(noon, 1) + ArchiveDays.reading(noon, 2));
    }
}

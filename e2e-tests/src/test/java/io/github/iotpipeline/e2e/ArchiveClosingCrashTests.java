package io.github.iotpipeline.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.archive.DayManifest;
import io.github.iotpipeline.testsupport.CollectorArguments;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector, as its own JVM, is killed (SIGKILL) while it compresses a day it found open at start-up. The
 * plain file is still there, and the next start closes the day: the compressed file holds every byte of it
 * and matches its manifest.
 */
class ArchiveClosingCrashTests {

    /** Enough for the compression to take seconds. */
    private static final int LINES = 600_000;

    @TempDir
    Path work;

    @Test
    void aKillDuringCompressionLeavesThePlainFileAndTheNextStartClosesTheDay() throws Exception {
        Path raw = work.resolve("raw");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        ArchiveFiles files = new ArchiveFiles(raw);
        String original = PlainDays.write(files.plain(day), day, LINES);
        String name = TestBroker.uniqueName("closing-crash");
        try (TestDatabase database = TestDatabase.create("closing_crash");
                CollectorProcess collector = new CollectorProcess(
                        CollectorArguments.of(database, TestBroker.url(), name, raw), work.resolve("collector.log"))) {
            collector.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(ArchiveFiles.temporary(files.compressed(day))));
            collector.kill();

            assertThat(files.plain(day)).as("the plain file, after a kill mid-compression").exists();
            assertThat(PlainDays.sha256(Files.newInputStream(files.plain(day)))).isEqualTo(original);

            collector.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(files.manifest(day)) && !Files.exists(files.plain(day)));

            DayManifest manifest = files.readManifest(day);
            assertThat(manifest.lines()).isEqualTo(LINES);
            assertThat(files.mismatch(day, manifest)).isNull();
            assertThat(PlainDays.sha256(new GZIPInputStream(Files.newInputStream(files.compressed(day)))))
                    .isEqualTo(original);
            assertThat(ArchiveFiles.temporary(files.compressed(day))).doesNotExist();
        }
        finally {
            MqttTestClient.clearSession(TestBroker.url(), name);
        }
    }
}

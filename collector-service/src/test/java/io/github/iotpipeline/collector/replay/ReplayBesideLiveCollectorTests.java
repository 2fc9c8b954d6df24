package io.github.iotpipeline.collector.replay;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.iotpipeline.collector.CommandRuns;
import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.collector.analytics.RollupRecomputation;
import io.github.iotpipeline.collector.archive.ArchiveEntry;
import io.github.iotpipeline.collector.archive.ClosedDays;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.PrometheusText;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replay command beside a live collector on the same database: while sensors keep publishing, a large
 * archived day of today is replayed, some of whose readings the live collector stored already and some of whose
 * sensors are live ones, so that both write to the same rollup rows (the same sensor's minute, hour, day and
 * activity) at the same time. The live collector must not notice: every reading published meanwhile is stored
 * once, acknowledged, and committed within seconds, without a failed write; the replay reconciles, and the
 * rollups equal a recomputation from measurements.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplayBesideLiveCollectorTests {

    private static final ReadingCodec CODEC = new ReadingCodec();
    /** Sensors of both the live traffic and the archived day. */
    private static final List<String> SHARED = List.of("sensor-1", "sensor-2");
    private static final List<String> LIVE = List.of("sensor-1", "sensor-2", "live-1", "live-2");
    /** Readings the live collector stores before the replay, which the archived day holds too. */
    private static final int STORED_BEFORE = 2_000;
    /** Archived readings of each shared sensor, stamped over the half hour before the replay and just after. */
    private static final int SHARED_PER_SENSOR = 10_000;
    private static final Duration SHARED_BEFORE = Duration.ofMinutes(30);
    private static final Duration SHARED_AFTER = Duration.ofMinutes(2);
    /** Sensors only the archived day has, earlier that day, with so many readings each. */
    private static final int ARCHIVED_SENSORS = 80;
    private static final int ARCHIVED_PER_SENSOR = 250;
    private static final int REFUSALS = 3;
    private static final int LIVE_PER_SECOND = 500;
    /** Sequence numbers: below LIVE_SEQ stored before, from LIVE_SEQ published during, from ARCHIVE_SEQ archived. */
    private static final long LIVE_SEQ = 1_000_000;
    private static final long ARCHIVE_SEQ = 2_000_000;
    /** A collector that commits small batches often, as one tuned for latency does: many writes meet the replay's. */
    private static final Map<String, Object> LIVE_SETTINGS = Map.of("collector.batch.size", 20,
            "collector.batch.min-interval", "20ms");
    /** Generous: a reading waits at most a flush interval (5 s) for its batch, then the write. */
    private static final double LATENCY_BOUND_SECONDS = 15;

    @TempDir
    Path liveRaw;

    @TempDir
    Path archive;

    @Test
    void replaysALargeDayWhileTheLiveCollectorStoresEveryReadingOnceAndOnTime(CapturedOutput output)
            throws Exception {
        String name = TestBroker.uniqueName("replay-live");
        try (TestDatabase database = TestDatabase.create("replay_live");
                RunningCollector collector = RunningCollector.start(database, TestBroker.url(), name, liveRaw,
                        LIVE_SETTINGS);
                MqttTestClient client = MqttTestClient.connect(TestBroker.url(), name + "-publisher");
                Connection connection = database.connect()) {
            List<SensorReading> before = storeBefore(collector.topics(), client, connection);
            Instant now = Instant.now();
            LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
            List<ArchiveEntry> entries = archivedDay(collector.topics(), before, now, day);
            ClosedDays.write(archive, day, entries);
            long overlap = before.stream().filter(reading -> onDay(reading.timestamp(), day)).count();
            long refusals = entries.stream()
                    .filter(entry -> new String(entry.payload(), StandardCharsets.UTF_8).startsWith("{broken")).count();
            long archiveOnly = entries.size() - overlap - refusals;

            List<SensorReading> live;
            ReplayWindow window;
            try (SteadyPublisher stream = SteadyPublisher.start(client, collector.topics(), LIVE, LIVE_PER_SECOND,
                    LIVE_SEQ)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> stream.count() >= LIVE_PER_SECOND / 2);
                CompletableFuture<Integer> replay = CompletableFuture.supplyAsync(() -> CommandRuns.run("replay",
                        database, archive, List.of("--from", day.toString(), "--to", day.toString(),
                                "--mqtt.topic-root=" + name)));
                window = watch(replay, collector, connection, archiveOnly);
                assertThat(replay.get()).as("replay's exit code").isZero();
                // Live traffic goes on a little after the replay, as it went on before.
                int published = stream.count();
                await().atMost(Duration.ofSeconds(10)).until(() -> stream.count() >= published + LIVE_PER_SECOND / 2);
                live = stream.stop();
            }

            assertThat(output).contains(String.format(
                    "replay: %s: %,d lines = %,d stored + %,d duplicates + %,d rejected + 0 torn; as its manifest"
                            + " counts", day, entries.size(), archiveOnly, overlap, refusals));
            assertThat(window.livePublishedDuring(live)).as("live readings published while the replay wrote")
                    .isGreaterThan(100);
            assertThat(window.unready()).as("live readiness answers other than 200 during the replay").isEmpty();

            int total = before.size() + live.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(connection,
                    "select count(*) from measurements where seq >= " + LIVE_SEQ + " and seq < " + ARCHIVE_SEQ)
                    == live.size());
            assertThat(keys(connection, "select sensor_id || '/' || seq from measurements where seq < "
                    + ARCHIVE_SEQ + " order by seq")).as("live readings stored")
                    .containsExactlyElementsOf(IntStream.range(0, total)
                            .mapToObj(i -> i < before.size() ? before.get(i) : live.get(i - before.size()))
                            .map(reading -> reading.sensorId() + "/" + reading.seq()).toList());
            assertThat(count(connection, "select count(*) from duplicate_readings")).as("copies received").isZero();
            assertThat(count(connection, "select deadlocks from pg_stat_database where datname = current_database()"))
                    .as("deadlocks in the database").isZero();
            assertLiveMetrics(collector, total);

            assertThat(count(connection, """
                    select count(*) from (select sensor_id from measurements
                        group by sensor_id, date_bin('1 minute', ts, timestamptz '2000-01-01 00:00:00+00')
                        having bool_or(seq >= %d and seq < %d) and bool_or(seq >= %d)) shared
                    """.formatted(LIVE_SEQ, ARCHIVE_SEQ, ARCHIVE_SEQ)))
                    .as("minutes of a sensor that both live readings and replayed ones went into").isPositive();
            List<String> differences = new ArrayList<>(RollupRecomputation.differencesFromMeasurements(connection));
            differences.addAll(RollupRecomputation.differencesFromFinerRollups(connection));
            assertThat(differences).isEmpty();
            assertThat(output).doesNotContain("Exception").doesNotContain("deadlock");
        }
    }

    /** Live traffic of the shared sensors before the replay; returns it once it is all stored. */
    private static List<SensorReading> storeBefore(SensorTopics topics, MqttTestClient client, Connection connection)
            throws InterruptedException {
        List<SensorReading> readings;
        try (SteadyPublisher stream = SteadyPublisher.start(client, topics, SHARED, 1_000, 0)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.count() >= STORED_BEFORE);
            readings = stream.stop();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(connection, "select count(*) from measurements")
                == readings.size());
        return readings;
    }

    /**
     * Today's archive as a collector would have kept it, in order of receipt: readings of sensors only it has,
     * earlier that day; the readings the live collector stored already; readings of the live sensors stamped
     * over the half hour before {@code now} and the minutes after, between the live ones (at half a
     * millisecond), received over the three minutes around {@code now} in an order unrelated to their
     * timestamps (as gateways catching up on buffered readings deliver them, and as device clocks that run a
     * little fast stamp them), so that every replayed batch holds readings of the live sensors from well before
     * and from within the minute the live collector is writing; and a few messages the contract refuses. Only
     * what falls on {@code day} (a test run at midnight).
     */
    private static List<ArchiveEntry> archivedDay(SensorTopics topics, List<SensorReading> before, Instant now,
            LocalDate day) {
        List<ArchiveEntry> entries = new ArrayList<>();
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        long span = Math.max(ARCHIVED_PER_SENSOR, ChronoUnit.MICROS.between(dayStart, now.minusSeconds(60)));
        long seq = ARCHIVE_SEQ;
        for (int sensor = 0; sensor < ARCHIVED_SENSORS; sensor++) {
            for (int i = 0; i < ARCHIVED_PER_SENSOR; i++) {
                Instant ts = dayStart.plus(i * (span / ARCHIVED_PER_SENSOR) + sensor, ChronoUnit.MICROS);
                entries.add(entry(topics, new SensorReading("archived-" + sensor, ts, 20 + i % 90 / 10.0, "°C",
                        seq++)));
            }
        }
        before.forEach(reading -> entries.add(entry(topics, reading)));
        Instant stampedFrom = now.truncatedTo(ChronoUnit.MILLIS).minus(SHARED_BEFORE).plusNanos(500_000);
        long stampStep = SHARED_BEFORE.plus(SHARED_AFTER).toMillis() / SHARED_PER_SENSOR;
        long receiptStep = Duration.ofMinutes(3).toMillis() * 1_000 / SHARED_PER_SENSOR;
        for (String sensor : SHARED) {
            for (int i = 0; i < SHARED_PER_SENSOR; i++) {
                Instant ts = stampedFrom.plusMillis(stampStep * (i * 7919L % SHARED_PER_SENSOR));
                Instant received = now.minusSeconds(60).plus(receiptStep * i, ChronoUnit.MICROS);
                entries.add(new ArchiveEntry(received, topics.topicFor(sensor), 1, false, false,
                        CODEC.encode(new SensorReading(sensor, ts, 10 + i % 300 / 10.0, "°C", seq++))));
            }
        }
        for (int i = 0; i < REFUSALS; i++) {
            String topic = topics.topicFor(SHARED.get(i % SHARED.size()));
            entries.add(new ArchiveEntry(now.minusSeconds(10 + i), topic, 1, false, false,
                    ("{broken " + i).getBytes(StandardCharsets.UTF_8)));
        }
        entries.removeIf(entry -> !onDay(entry.receivedAt(), day));
        entries.sort(Comparator.comparing(ArchiveEntry::receivedAt));
        return entries;
    }

    private static boolean onDay(Instant instant, LocalDate day) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).equals(day);
    }

    /** A reading as the collector archives it, received at its own timestamp. */
    private static ArchiveEntry entry(SensorTopics topics, SensorReading reading) {
        return new ArchiveEntry(reading.timestamp(), topics.topicFor(reading.sensorId()), 1, false, false,
                CODEC.encode(reading));
    }

    /**
     * Watches the replay until it ends: when its first readings and its last became visible, and every
     * readiness answer of the live collector other than 200 meanwhile.
     */
    private static ReplayWindow watch(CompletableFuture<Integer> replay, RunningCollector collector,
            Connection connection, long archiveOnly) throws Exception {
        Instant first = null;
        Instant last = null;
        List<String> unready = new ArrayList<>();
        while (!replay.isDone()) {
            long replayed = count(connection, "select count(*) from measurements where seq >= " + ARCHIVE_SEQ);
            first = first == null && replayed > 0 ? Instant.now() : first;
            last = last == null && replayed == archiveOnly ? Instant.now() : last;
            HttpResponse<String> readiness = collector.get("/actuator/health/readiness");
            if (readiness.statusCode() != 200) {
                unready.add(readiness.statusCode() + " " + readiness.body());
            }
            Thread.sleep(100);
        }
        Instant end = Instant.now();
        return new ReplayWindow(first == null ? end : first, last == null ? end : last, unready);
    }

    private static void assertLiveMetrics(RunningCollector collector, int total) {
        // Acknowledgements follow the commit.
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics(collector)
                .sum("collector_messages_acknowledged_total") == total);
        PrometheusText metrics = metrics(collector);
        assertThat(metrics.sum("collector_write_errors_total")).as("failed writes").isZero();
        assertThat(metrics.sum("collector_messages_received_total")).isEqualTo(total);
        assertThat(metrics.sum("collector_readings_stored_total")).isEqualTo(total);
        assertThat(metrics.sum("collector_readings_duplicates_total")).isZero();
        assertThat(metrics.sum("collector_messages_ack_skipped_total")).isZero();
        assertThat(metrics.sum("collector_reading_latency_seconds_count")).as("readings committed")
                .isEqualTo(total);
        assertThat(metrics.sum("collector_reading_latency_seconds_max")).as("longest from publication to commit")
                .isPositive().isLessThan(LATENCY_BOUND_SECONDS);
    }

    private static PrometheusText metrics(RunningCollector collector) {
        try {
            return PrometheusText.parse(collector.get("/actuator/prometheus").body());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<String> keys(Connection connection, String query) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                keys.add(result.getString(1));
            }
        }
        return keys;
    }

    /**
     * From when the replay's first readings were visible to when its last were (or it ended), and what the live
     * collector's readiness answered other than 200 meanwhile.
     */
    private record ReplayWindow(Instant from, Instant to, List<String> unready) {

        long livePublishedDuring(List<SensorReading> live) {
            return live.stream().filter(reading -> !reading.timestamp().isBefore(from)
                    && reading.timestamp().isBefore(to)).count();
        }
    }
}

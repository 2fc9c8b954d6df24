package io.github.iotpipeline.collector.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.iotpipeline.collector.CommandRuns;
import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.archive.ClosedDays;
import io.github.iotpipeline.collector.objectstore.StoreUploads;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.S3TestServer;
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
 * The replay command on real servers: a day the live collector archived is closed, uploaded, removed locally
 * and replayed from the store into a fresh database, which then holds what the first one holds.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplayCommandTests {

    private static final String BUCKET = "iot-archive";
    private static final String[] TABLES = {
        "select sensor_id, ts, value, unit, quality, seq, received_at from measurements order by 1, 2",
        "select topic, payload, reason, detail, sensor_id, received_at from rejected_messages order by 1, 6",
        "select * from measurements_1min order by 1, 2", "select * from measurements_1hour order by 1, 2",
        "select * from measurements_1day order by 1, 2", "select * from sensor_activity order by 1"};

    @TempDir
    Path raw;

    @TempDir
    Path storeDirectory;

    @Test
    void replaysADayFromTheStoreIntoAFreshDatabaseAndAgainWithoutChangingIt(CapturedOutput output)
            throws Exception {
        String name = TestBroker.uniqueName("replay");
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        try (TestDatabase original = TestDatabase.create("replay_original");
                TestDatabase fresh = TestDatabase.create("replay_fresh");
                S3TestServer store = S3TestServer.start(storeDirectory)) {
            archiveLive(original, name);
            ClosedDays.close(raw, day);
            StoreUploads.uploadAndRemove(raw, store, BUCKET, name);
            assertThat(new ArchiveFiles(raw).closedDays()).isEmpty();

            // The collector's own settings, as the command would be run: the same topic root among them.
            int exit = replay(fresh, store, "--from", day.toString(), "--to", day.toString(), "--source", "s3",
                    "--mqtt.topic-root=" + name, "--collector.raw.store.instance-id=" + name);

            assertThat(exit).isZero();
            assertThat(output).contains(day + ": 41 lines = 40 stored + 0 duplicates + 1 rejected + 0 torn;"
                    + " as its manifest counts");
            for (String table : TABLES) {
                assertThat(rows(fresh, table)).as(table).isEqualTo(rows(original, table)).isNotEmpty();
            }

            List<List<Object>> rollups = rows(fresh, TABLES[3]);
            assertThat(replay(fresh, store, "--from", day.toString(), "--to", day.toString(), "--source", "s3",
                    "--instance", name, "--mqtt.topic-root=" + name)).isZero();
            assertThat(output).contains(day + ": 41 lines = 0 stored + 41 duplicates + 0 rejected + 0 torn");
            assertThat(rows(fresh, TABLES[3])).isEqualTo(rollups);
            assertThat(rows(fresh, "select count(*) from duplicate_readings")).containsExactly(List.of(0L));
            assertThat(output).doesNotContain("Exception");
        }
    }

    @Test
    void refusesAClosedDayThatNoLongerMatchesItsManifestAndSaysWhich(CapturedOutput output) throws Exception {
        LocalDate day = LocalDate.parse("2026-11-26");
        ClosedDays.write(raw, day, 10);
        Path compressed = new ArchiveFiles(raw).compressed(day);
        byte[] bytes = Files.readAllBytes(compressed);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(compressed, bytes);

        try (TestDatabase database = TestDatabase.create("replay_tampered")) {
            int exit = replay(database, null, "--from", "2026-11-25", "--to", "2026-11-27");

            assertThat(exit).isEqualTo(1);
            assertThat(output).contains("2026-11-26: raw_20261126.jsonl.gz has SHA-256").contains("not replayed")
                    .contains("2026-11-25: no archive file").doesNotContain("Exception");
            assertThat(rows(database, "select count(*) from measurements")).containsExactly(List.of(0L));
        }
    }

    @Test
    void skipsReadingsOlderThanTheRetentionSoThatTheirRollupsAreNotCountedTwice(CapturedOutput output)
            throws Exception {
        LocalDate day = LocalDate.parse("2026-11-26");
        ClosedDays.write(raw, day, 10);
        try (TestDatabase database = TestDatabase.create("replay_retention")) {
            int exit = replay(database, null, "--from", "2026-11-26", "--to", "2026-11-26",
                    "--collector.retention.keep-measurements=1h");

            assertThat(exit).isZero();
            assertThat(output).contains("10 lines = 0 stored + 0 duplicates + 0 rejected + 0 torn"
                    + " + 10 skipped (older than the raw retention");
            assertThat(rows(database, "select count(*) from measurements")).containsExactly(List.of(0L));
        }
    }

    @Test
    void saysInOneLineWhatIsWrongWithTheArguments(CapturedOutput output) throws Exception {
        try (TestDatabase database = TestDatabase.create("replay_arguments")) {
            assertThat(replay(database, null, "--from", "2026-11-26")).isEqualTo(2);
            assertThat(output).contains("replay: --from and --to are required; usage: replay --from YYYY-MM-DD")
                    .doesNotContain("Exception");
        }
    }

    /** Runs the live collector, publishes 40 readings of two sensors and one bad payload, and stops it. */
    private void archiveLive(TestDatabase database, String name) throws Exception {
        ReadingCodec codec = new ReadingCodec();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        try (RunningCollector collector = RunningCollector.start(database, TestBroker.url(), name, raw, Map.of());
                MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher")) {
            for (int i = 0; i < 20; i++) {
                for (String sensor : List.of("sensor-1", "sensor-2")) {
                    publisher.publish(collector.topics().topicFor(sensor), codec.encode(
                            new SensorReading(sensor, base.plusSeconds(i), 20.0 + i, "°C", (long) i)));
                }
            }
            publisher.publish(collector.topics().topicFor("sensor-1"), "{broken");
            await().atMost(Duration.ofSeconds(30)).until(() -> rows(database,
                    "select (select count(*) from measurements) + (select count(*) from rejected_messages)")
                    .equals(List.of(List.of(41L))));
        }
    }

    private int replay(TestDatabase database, S3TestServer store, String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        if (store != null) {
            all.addAll(List.of("--collector.raw.store.bucket=" + BUCKET,
                    "--collector.raw.store.endpoint=" + store.endpoint(), "--collector.raw.store.path-style=true",
                    "--collector.raw.store.access-key-id=" + S3TestServer.ACCESS_KEY,
                    "--collector.raw.store.secret-access-key=" + S3TestServer.SECRET_KEY));
        }
        return CommandRuns.run("replay", database, raw, all);
    }

    private static List<List<Object>> rows(TestDatabase database, String query) {
        return CommandRuns.rows(database, query);
    }
}

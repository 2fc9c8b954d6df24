package io.github.iotpipeline.collector.redrive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.iotpipeline.collector.CommandRuns;
import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.collector.analytics.Migrations;
import io.github.iotpipeline.collector.analytics.RollupRecomputation;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.MqttTestClient;
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
 * The redrive command on a real database: dead letters that a setting refused are accepted once it is fixed,
 * move into measurements with their rollups, and stay in rejected_messages marked redriven; what today's
 * contract still refuses is left as it is; a second run changes nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedriveCommandTests {

    private static final String TOPIC_ROOT = "redrive-tests";
    private static final ReadingCodec CODEC = new ReadingCodec();

    @TempDir
    Path raw;

    @Test
    void readingsASettingRefusedAreStoredOnceItIsFixedAndTheirDeadLettersMarked(CapturedOutput output)
            throws Exception {
        String name = TestBroker.uniqueName("redrive");
        try (TestDatabase database = TestDatabase.create("redrive_live")) {
            // Clocks ten minutes fast, and a collector that allows one minute: refused, until it allows a day.
            Instant ahead = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(10));
            collectLive(database, name, ahead);
            assertThat(rows(database, "select reason, count(*) from rejected_messages group by 1 order by 1"))
                    .containsExactly(List.of("malformed_json", 1L), List.of("timestamp_out_of_range", 6L));

            int exit = redrive(database, name, "--reason", "timestamp_out_of_range");

            assertThat(exit).isZero();
            assertThat(output).contains("redrive: 6 dead letters not redriven yet, reason timestamp_out_of_range")
                    .contains("6 accepted now and marked redriven (6 stored, 0 stored already), 0 still refused,")
                    .doesNotContain("Exception");
            assertThat(rows(database, "select count(*) from measurements")).containsExactly(List.of(9L));
            assertThat(rows(database, "select count(*) from measurements where ts >= '" + ahead + "'"))
                    .containsExactly(List.of(6L));
            // The audit trail stays: every dead letter is still there, the redriven ones marked.
            assertThat(rows(database, "select reason, redriven_at is not null, count(*) from rejected_messages"
                    + " group by 1, 2 order by 1")).containsExactly(List.of("malformed_json", false, 1L),
                            List.of("timestamp_out_of_range", true, 6L));
            try (Connection connection = database.connect()) {
                assertThat(RollupRecomputation.differencesFromMeasurements(connection)).isEmpty();
            }
            // A reading now, no longer a rejection: counted once.
            assertThat(rows(database, "select sum(readings)::bigint, sum(rejected)::bigint from sensor_reading_quality("
                    + "now() - interval '1 day', now() + interval '1 day')")).containsExactly(List.of(9L, 1L));
            assertThat(rows(database, "select reason, rejected from sensor_rejections("
                    + "now() - interval '1 day', now() + interval '1 day')"))
                    .containsExactly(List.of("malformed_json", 1L));

            List<List<Object>> measurements = rows(database, "select * from measurements order by 1, 2");
            assertThat(redrive(database, name, "--all")).isZero();
            assertThat(output).contains("redrive: 1 dead letter not redriven yet, all of them")
                    .contains("0 accepted now and marked redriven (0 stored, 0 stored already),"
                            + " 1 still refused (malformed_json 1), left as they are");
            assertThat(rows(database, "select * from measurements order by 1, 2")).isEqualTo(measurements);
        }
    }

    @Test
    void aDryRunCountsAndWritesNothing(CapturedOutput output) throws Exception {
        try (TestDatabase database = TestDatabase.create("redrive_dry")) {
            Migrations.apply(database);
            Instant receivedAt = Instant.parse("2026-11-20T10:00:00Z");
            insertDeadLetter(database, receivedAt, "sensor-1", "timestamp_out_of_range",
                    CODEC.encode(new SensorReading("sensor-1", receivedAt, 21.5, "°C", 1L)));
            insertDeadLetter(database, receivedAt, "sensor-1", "malformed_json",
                    "{broken".getBytes(StandardCharsets.UTF_8));

            assertThat(redrive(database, TOPIC_ROOT, "--sensor", "sensor-1", "--dry-run")).isZero();

            assertThat(output).contains("2 dead letters in ")
                    .contains(" 1 would be accepted now, 1 still refused (malformed_json 1); nothing written");
            assertThat(rows(database, "select count(*) from measurements")).containsExactly(List.of(0L));
            assertThat(rows(database, "select count(*) from rejected_messages where redriven_at is not null"))
                    .containsExactly(List.of(0L));
        }
    }

    @Test
    void aReadingStoredAlreadyIsNotStoredAgainButItsDeadLetterIsMarked(CapturedOutput output) throws Exception {
        try (TestDatabase database = TestDatabase.create("redrive_stored")) {
            Migrations.apply(database);
            Instant ts = Instant.parse("2026-11-21T08:00:00Z");
            insertDeadLetter(database, ts.plusSeconds(1), "sensor-2", "constraint_violation",
                    CODEC.encode(new SensorReading("sensor-2", ts, 40.0, "%", 7L)));
            insertDeadLetter(database, ts.plusSeconds(2), "sensor-2", "constraint_violation",
                    CODEC.encode(new SensorReading("sensor-2", ts.plusSeconds(60), 41.0, "%", 8L)));
            CommandRuns.update(database, "insert into measurements (sensor_id, ts, value, unit, quality, seq,"
                    + " received_at) values ('sensor-2', ?::timestamptz, 40.0, '%', 'valid', 7, ?::timestamptz)",
                    ts.toString(), ts.toString());

            assertThat(redrive(database, TOPIC_ROOT, "--from", "2026-11-21", "--to", "2026-11-21")).isZero();

            assertThat(output)
                    .contains("2 accepted now and marked redriven (1 stored, 1 stored already), 0 still refused");
            assertThat(rows(database, "select count(*) from measurements")).containsExactly(List.of(2L));
            assertThat(rows(database, "select count(*) from rejected_messages where redriven_at is not null"))
                    .containsExactly(List.of(2L));
            assertThat(rows(database, "select count(*) from duplicate_readings")).containsExactly(List.of(0L));
        }
    }

    @Test
    void aReadingTheDatabaseRefusesStaysADeadLetterAndTheOthersAreStored(CapturedOutput output) throws Exception {
        try (TestDatabase database = TestDatabase.create("redrive_refused")) {
            Migrations.apply(database);
            // A constraint an operator added: the database, not the contract, refuses this one reading.
            CommandRuns.update(database, "alter table measurements add constraint no_value_666 check (value <> 666)");
            Instant ts = Instant.parse("2026-11-22T08:00:00Z");
            for (int i = 0; i < 5; i++) {
                insertDeadLetter(database, ts.plusSeconds(i), "sensor-4", "constraint_violation", CODEC.encode(
                        new SensorReading("sensor-4", ts.plusSeconds(i), i == 2 ? 666.0 : 20.0 + i, "%", (long) i)));
            }

            assertThat(redrive(database, TOPIC_ROOT, "--sensor", "sensor-4")).isZero();

            assertThat(output).contains("4 accepted now and marked redriven (4 stored, 0 stored already),"
                    + " 1 still refused (database_rejected 1), left as they are");
            assertThat(rows(database, "select count(*) from measurements")).containsExactly(List.of(4L));
            assertThat(rows(database, "select count(*) from rejected_messages where redriven_at is null"))
                    .containsExactly(List.of(1L));
        }
    }

    @Test
    void saysInOneLineWhatIsWrongWithTheArguments(CapturedOutput output) {
        assertThat(RedriveArguments.problemWith(List.of())).startsWith("say which dead letters: --reason,");
        assertThat(RedriveArguments.problemWith(List.of("--reason", "no_such_reason")))
                .startsWith("--reason no_such_reason is not a reason code; they are ");
        assertThat(RedriveArguments.problemWith(List.of("--all", "--sensor", "sensor-1")))
                .isEqualTo("--all redrives every dead letter: give it alone");
        assertThat(RedriveArguments.problemWith(List.of("--from", "2026-11-21", "--to", "2026-11-20T00:00:00Z")))
                .isEqualTo("--to 2026-11-20T00:00:00Z is not after --from 2026-11-21");
        assertThat(RedriveArguments.problemWith(List.of("--from", "yesterday"))).isEqualTo("--from yesterday is"
                + " neither a day (YYYY-MM-DD) nor a date-time with its offset (2026-11-01T06:00:00Z)");
        assertThat(RedriveArguments.problemWith(List.of("--all", "--dry-run", "--spring.main.banner-mode=off")))
                .isNull();
        assertThat(output).doesNotContain("Exception");
    }

    /**
     * Runs a live collector that allows timestamps one minute ahead, publishes 3 good readings, 6 readings
     * stamped at {@code ahead} and after, and one bad payload, and stops it.
     */
    private void collectLive(TestDatabase database, String name, Instant ahead) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (RunningCollector collector = RunningCollector.start(database, TestBroker.url(), name, raw,
                Map.of("collector.timestamps.max-ahead", "1m"));
                MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher")) {
            SensorTopics topics = collector.topics();
            for (int i = 0; i < 3; i++) {
                publisher.publish(topics.topicFor("sensor-1"),
                        CODEC.encode(new SensorReading("sensor-1", now.minusSeconds(i), 20.0 + i, "°C", (long) i)));
            }
            for (int i = 0; i < 6; i++) {
                String sensor = i % 2 == 0 ? "sensor-1" : "sensor-3";
                publisher.publish(topics.topicFor(sensor),
                        CODEC.encode(new SensorReading(sensor, ahead.plusSeconds(i), 25.0, "°C", 10L + i)));
            }
            publisher.publish(topics.topicFor("sensor-1"), "{broken");
            await().atMost(Duration.ofSeconds(30)).until(() -> rows(database,
                    "select (select count(*) from measurements) + (select count(*) from rejected_messages)")
                    .equals(List.of(List.of(10L))));
        }
    }

    private int redrive(TestDatabase database, String topicRoot, String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--mqtt.topic-root=" + topicRoot);
        return CommandRuns.run("redrive", database, raw, all);
    }

    private static void insertDeadLetter(TestDatabase database, Instant receivedAt, String sensor, String reason,
            byte[] payload) {
        CommandRuns.update(database, "insert into rejected_messages (received_at, topic, sensor_id, reason, detail,"
                + " payload) values (?::timestamptz, ?, ?, ?, 'refused by a test', ?)", receivedAt.toString(),
                new SensorTopics(TOPIC_ROOT).topicFor(sensor), sensor, reason, payload);
    }

    private static List<List<Object>> rows(TestDatabase database, String query) {
        return CommandRuns.rows(database, query);
    }
}

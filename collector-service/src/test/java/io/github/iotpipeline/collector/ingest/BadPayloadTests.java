package io.github.iotpipeline.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.ReadingContract;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of bad payload, published through the real broker in one stream with good readings between
 * them: each bad one ends in rejected_messages with its specific reason, and every good one is stored.
 */
class BadPayloadTests {

    private static final String TS = "\"timestamp\":\"2026-11-26T17:00:00Z\"";

    @TempDir
    static Path rawDirectory;

    private static TestDatabase database;
    private static RunningCollector collector;
    private static List<Map<String, Object>> rejected;
    private static int storedGoodReadings;

    private static final List<BadPayload> CASES = List.of(
            bad("empty payload", "sensor-1", new byte[0], "empty_payload"),
            bad("not JSON", "sensor-1", "hello", "malformed_json"),
            bad("truncated JSON", "sensor-1", "{\"sensor_id\":\"sensor-1\"," + TS, "malformed_json"),
            bad("JSON array", "sensor-1", "[1,2,3]", "not_an_object"),
            bad("trailing garbage", "sensor-1", reading("sensor-1", "1") + "xyz", "trailing_data"),
            bad("two objects", "sensor-1", reading("sensor-1", "1") + "{}", "trailing_data"),
            bad("duplicate key", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\"," + TS + ",\"value\":1,\"value\":2}", "duplicate_key"),
            bad("value as string", "sensor-1", reading("sensor-1", "\"21.5\""), "wrong_type"),
            bad("timestamp as epoch number", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\",\"timestamp\":1764176400000,\"value\":1}", "wrong_type"),
            bad("null sensor_id", "sensor-1", "{\"sensor_id\":null," + TS + ",\"value\":1}", "null_field"),
            bad("null value", "sensor-1", reading("sensor-1", "null"), "null_field"),
            bad("missing value", "sensor-1", "{\"sensor_id\":\"sensor-1\"," + TS + "}", "missing_field"),
            bad("missing timestamp", "sensor-1", "{\"sensor_id\":\"sensor-1\",\"value\":1}", "missing_field"),
            bad("NaN", "sensor-1", reading("sensor-1", "NaN"), "non_finite_value"),
            bad("Infinity", "sensor-1", reading("sensor-1", "-Infinity"), "non_finite_value"),
            bad("1e400", "sensor-1", reading("sensor-1", "1e400"), "non_finite_value"),
            bad("timestamp without zone", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\",\"timestamp\":\"2026-11-26T17:00:00\",\"value\":1}",
                    "timestamp_without_zone"),
            bad("timestamp not a date", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\",\"timestamp\":\"soon\",\"value\":1}", "invalid_timestamp"),
            bad("payload over the size limit", "sensor-1",
                    "{\"pad\":\"" + "x".repeat(20_000) + "\"}", "payload_too_large"),
            bad("deep nesting", "sensor-1", "{\"x\":" + "[".repeat(50) + "]".repeat(50) + "}", "too_deeply_nested"),
            bad("NUL byte", "sensor-1", "{\"sensor_id\":\"sensor-1\u0000\"," + TS + ",\"value\":1}", "malformed_json"),
            bad("invalid UTF-8", "sensor-1", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, "invalid_utf8"),
            bad("lone surrogate", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\",\"unit\":\"\\udc00\"," + TS + ",\"value\":1}", "invalid_string"),
            bad("raw newline in a string", "sensor-1",
                    "{\"sensor_id\":\"sensor\n-1\"," + TS + ",\"value\":1}", "malformed_json"),
            bad("sensor_id differs from topic", "sensor-1", reading("sensor-2", "1"), "topic_mismatch"),
            bad("SQL-looking sensor id", "x';DROP TABLE measurements;--",
                    reading("x';DROP TABLE measurements;--", "1"), "constraint_violation"),
            bad("very long sensor id", "s".repeat(100), reading("s".repeat(100), "1"), "constraint_violation"),
            bad("timestamp far in the future", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\",\"timestamp\":\"2099-01-01T00:00:00Z\",\"value\":1}",
                    "timestamp_out_of_range"),
            bad("timestamp far in the past", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\",\"timestamp\":\"1999-12-31T23:59:59Z\",\"value\":1}",
                    "timestamp_out_of_range"),
            bad("epoch seconds read as milliseconds", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\",\"timestamp\":\"1970-01-21T10:22:56.4Z\",\"value\":1}",
                    "timestamp_out_of_range"),
            bad("year beyond what PostgreSQL stores", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\",\"timestamp\":\"+300000-01-01T00:00:00Z\",\"value\":1}",
                    "timestamp_out_of_range"),
            bad("negative seq", "sensor-1",
                    "{\"sensor_id\":\"sensor-1\"," + TS + ",\"value\":1,\"seq\":-5}", "constraint_violation"));

    @BeforeAll
    static void publishEverything() {
        database = TestDatabase.create("bad_payloads");
        String name = TestBroker.uniqueName("bad-payloads");
        collector = RunningCollector.start(database, TestBroker.url(), name, rawDirectory,
                Map.of("collector.batch.flush-interval", "500ms"));
        ReadingCodec codec = new ReadingCodec();
        Instant base = Instant.parse("2026-11-26T17:00:00Z");
        try (MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher")) {
            for (int i = 0; i < CASES.size(); i++) {
                BadPayload bad = CASES.get(i);
                publisher.publish(collector.topics().topicFor(bad.topicSensor()), bad.payload());
                // A good reading after each bad one: the flow must go on.
                publisher.publish(collector.topics().topicFor("sensor-3"),
                        codec.encode(SensorReading.of("sensor-3", base.plusSeconds(i), 1000)));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count("rejected_messages") == CASES.size()
                && count("measurements") == CASES.size());
        rejected = collector.jdbc()
                .queryForList("select reason, detail, payload, topic, sensor_id from rejected_messages");
        storedGoodReadings = count("measurements where sensor_id = 'sensor-3'");
    }

    @AfterAll
    static void stop() {
        collector.close();
        database.close();
    }

    @TestFactory
    Stream<DynamicTest> eachBadPayloadIsRejectedWithItsReason() {
        return CASES.stream().map(bad -> DynamicTest.dynamicTest(bad.name() + " -> " + bad.reason(), () -> {
            List<Map<String, Object>> matches = new ArrayList<>();
            for (Map<String, Object> row : rejected) {
                if (Arrays.equals((byte[]) row.get("payload"), bad.payload())) {
                    matches.add(row);
                }
            }
            assertThat(matches).hasSize(1);
            assertThat(matches.get(0).get("reason")).isEqualTo(bad.reason());
            assertThat((String) matches.get(0).get("detail")).isNotBlank();
            assertThat(matches.get(0).get("topic")).isEqualTo(collector.topics().topicFor(bad.topicSensor()));
            // The rejection counts against the sensor the topic names, whatever the payload claims.
            assertThat(matches.get(0).get("sensor_id")).isEqualTo(bad.topicSensor());
        }));
    }

    @TestFactory
    Stream<DynamicTest> goodReadingsKeepFlowingBetweenBadOnes() {
        return Stream.of(DynamicTest.dynamicTest("all good readings stored",
                () -> assertThat(storedGoodReadings).isEqualTo(CASES.size())),
                // The violations above came from the validator all the same; valid readings skip it.
                DynamicTest.dynamicTest("valid readings are checked without the validator's garbage",
                        () -> assertThat(collector.bean(ReadingContract.class).checksKnownConstraintsItself())
                                .isTrue()));
    }

    private static int count(String from) {
        Integer count = collector.jdbc().queryForObject("select count(*) from " + from, Integer.class);
        return count == null ? 0 : count;
    }

    private static String reading(String sensorId, String value) {
        return "{\"sensor_id\":\"" + sensorId + "\"," + TS + ",\"value\":" + value + "}";
    }

    private static BadPayload bad(String name, String topicSensor, String payload, String reason) {
        return bad(name, topicSensor, payload.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static BadPayload bad(String name, String topicSensor, byte[] payload, String reason) {
        return new BadPayload(name, topicSensor, payload, reason);
    }

    private record BadPayload(String name, String topicSensor, byte[] payload, String reason) {
    }
}

package io.github.iotpipeline.collector.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.collector.archive.RawArchive;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.PrometheusText;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The collector against a real PostgreSQL and a real broker, with the default batching. */
class ReadingIngestTests {

    private static final ReadingCodec CODEC = new ReadingCodec();

    @TempDir
    static Path rawDirectory;

    private static TestDatabase database;
    private static RunningCollector collector;
    private static MqttTestClient publisher;

    @BeforeAll
    static void startCollector() {
        database = TestDatabase.create("ingest");
        String name = TestBroker.uniqueName("ingest");
        collector = RunningCollector.start(database, TestBroker.url(), name, rawDirectory, Map.of());
        publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher");
    }

    @AfterAll
    static void stopCollector() {
        publisher.close();
        collector.close();
        database.close();
    }

    @Test
    void flagsEachReadingByWhatTheSensorRegistrySays() {
        Instant ts = now();
        publish(new SensorReading("sensor-1", ts, 21.5, "°C", 1L));
        publish(new SensorReading("sensor-1", ts.plusMillis(1), 99.0, "°C", 2L));
        publish(new SensorReading("sensor-77", ts, 1.0, null, null));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("sensor_id in ('sensor-1', 'sensor-77') and ts >= ?", ts) == 3);

        assertThat(collector.jdbc().queryForList(
                "select sensor_id, value, quality from measurements where ts >= ? order by sensor_id, ts",
                java.sql.Timestamp.from(ts)))
                .extracting(row -> row.get("sensor_id") + " " + row.get("value") + " " + row.get("quality"))
                .containsExactly("sensor-1 21.5 valid", "sensor-1 99.0 out_of_range", "sensor-77 1.0 unknown_sensor");
    }

    @Test
    void storesARedeliveredReadingOnce() {
        SensorReading reading = new SensorReading("sensor-2", now(), 45.0, "%", 7L);

        publish(reading);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("sensor_id = 'sensor-2' and ts = ?", reading.timestamp()) == 1);
        publish(reading);
        await().atMost(Duration.ofSeconds(10)).until(() -> rawLinesContaining("\\\"seq\\\":7").size() == 2);

        assertThat(count("sensor_id = 'sensor-2' and ts = ?", reading.timestamp())).isEqualTo(1);
    }

    @Test
    void keepsReadingsWithFieldsItDoesNotKnow() {
        Instant ts = now();
        publisher.publish(collector.topics().topicFor("sensor-4"), "{\"sensor_id\":\"sensor-4\",\"timestamp\":\""
                + ts + "\",\"value\":800,\"firmware\":\"2.1\",\"battery\":{\"percent\":87}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> count("sensor_id = 'sensor-4' and ts = ?", ts) == 1);
    }

    @Test
    void storesARetainedReadingOnceAndRejectsTheEmptyMessageThatClearsIt() {
        SensorReading reading = new SensorReading("sensor-2", now(), 55.0, "%", 3L);
        String topic = collector.topics().topicFor("sensor-2");

        publisher.publish(topic, CODEC.encode(reading), 1, true);
        publisher.publish(topic, new byte[0], 1, true);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("sensor_id = 'sensor-2' and ts = ?", reading.timestamp()) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.jdbc().queryForObject(
                "select count(*) from rejected_messages where topic = ? and reason = 'empty_payload'",
                Integer.class, topic) == 1);
    }

    @Test
    void makesAReadingQueryableWithinTheFlushInterval() {
        SensorReading reading = new SensorReading("sensor-3", now(), 1001.5, "hPa", 1L);
        Instant published = Instant.now();

        publish(reading);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> count("sensor_id = 'sensor-3' and ts = ?", reading.timestamp()) == 1);

        assertThat(Duration.between(published, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void archivesEveryMessageAsReceivedOneJsonObjectPerLine() throws IOException {
        String topic = collector.topics().topicFor("sensor-4");
        byte[] notUtf8 = {(byte) 0xFF, 'a', '\n', 'b'};
        String multiLine = "{\"sensor_id\":\n\"sensor-4\", broken";

        publisher.publish(topic, notUtf8);
        publisher.publish(topic, multiLine);
        await().atMost(Duration.ofSeconds(10)).until(() -> rawLinesContaining("broken").size() == 1);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = Files.readAllLines(todaysRawFile()).stream().map(json::readTree).toList();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("topic").asString()).isEqualTo(topic);
            assertThat(line.path("payload").asString()).isEqualTo(multiLine);
            assertThat(line.path("received_at").asString()).isNotBlank();
        });
        assertThat(lines).anySatisfy(line ->
                assertThat(line.path("payload_base64").asString()).isEqualTo("/2EKYg=="));
    }

    @Test
    void reportsTheDatabaseTheBrokerAndTheBufferInHealth() throws Exception {
        JsonNode health = new ObjectMapper().readTree(collector.get("/actuator/health/readiness").body());

        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String component : List.of("db", "mqtt", "buffer")) {
            assertThat(health.path("components").path(component).path("status").asString())
                    .as(component).isEqualTo("UP");
        }
        assertThat(health.path("components").path("buffer").path("details").path("batchSize").asInt()).isEqualTo(100);
    }

    @Test
    void accountsForEveryMessageItReceived() throws Exception {
        SensorReading reading = new SensorReading("sensor-5", now(), 300, "lux", 1L);
        publish(reading);
        publish(reading);
        publisher.publish(collector.topics().topicFor("sensor-5"), "not a reading");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            PrometheusText metrics = PrometheusText.parse(collector.get("/actuator/prometheus").body());
            assertThat(metrics.sum("collector_buffer_messages")).isZero();
            assertThat(metrics.sum("collector_messages_received_total"))
                    .isEqualTo(metrics.sum("collector_readings_stored_total")
                            + metrics.sum("collector_readings_duplicates_total")
                            + metrics.sum("collector_messages_rejected_total"));
            assertThat(metrics.sum("collector_readings_duplicates_total")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.sum("collector_messages_acknowledged_total")).isGreaterThanOrEqualTo(3);
            assertThat(metrics.sum("collector_raw_bytes_written_total")).isPositive();
        });
    }

    @Test
    void measuresHowLongAfterItsTimestampEachReadingWasCommitted() throws Exception {
        SensorReading reading = new SensorReading("sensor-1", now().minusSeconds(2), 21.0, "°C", 9L);
        publish(reading);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("sensor_id = 'sensor-1' and ts = ?", reading.timestamp()) == 1);

        String prometheus = collector.get("/actuator/prometheus").body();
        PrometheusText metrics = PrometheusText.parse(prometheus);
        assertThat(metrics.sum("collector_reading_latency_seconds_count")).isPositive();
        // Stamped two seconds before publication: the slowest committed reading waited at least that long.
        assertThat(metrics.sum("collector_reading_latency_seconds_max")).isGreaterThanOrEqualTo(2.0);
        assertThat(prometheus).contains("collector_reading_latency_seconds_bucket{le=\"1.0\"}")
                .contains("collector_reading_latency_seconds_bucket{le=\"5.5\"}");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void publish(SensorReading reading) {
        publisher.publish(collector.topics().topicFor(reading.sensorId()), CODEC.encode(reading));
    }

    private static int count(String condition, Instant ts) {
        Integer count = collector.jdbc().queryForObject("select count(*) from measurements where " + condition,
                Integer.class, java.sql.Timestamp.from(ts));
        return count == null ? 0 : count;
    }

    private static Path todaysRawFile() {
        return collector.bean(RawArchive.class).fileFor(LocalDate.now(ZoneOffset.UTC));
    }

    private static List<String> rawLinesContaining(String text) throws IOException {
        Path file = todaysRawFile();
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> line.contains(text)).toList();
    }
}

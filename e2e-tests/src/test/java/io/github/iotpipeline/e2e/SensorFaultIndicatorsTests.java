package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.iotpipeline.testsupport.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each fault the generator can simulate, on its own sensor, through the real broker and collector into the
 * database, and the data-quality indicator that exists for it reporting it; sensor-1 runs healthy and must
 * report clean. Sensors report every 500 ms; the indicators judge the 12 s from 1 s after the first reading.
 */
class SensorFaultIndicatorsTests {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    @TempDir
    static Path rawDirectory;

    private static InProcessPipeline pipeline;
    private static JdbcTemplate jdbc;
    private static Timestamp from;
    private static Timestamp to;

    @BeforeAll
    static void runFaultySensors() {
        pipeline = InProcessPipeline.startCollector("faults", rawDirectory,
                Map.of("collector.batch.flush-interval", "1s", "collector.sensor-monitor.poll-interval", "1s",
                        "collector.sensors.refresh-interval", "1s"));
        jdbc = pipeline.jdbc();
        // Two more registered sensors, and thresholds that fit a test of seconds rather than a day.
        jdbc.update("insert into sensors (id, name, type, unit, min_value, max_value) values"
                + " ('sensor-6', 'Duplicating humidity', 'humidity', '%', 0, 100),"
                + " ('sensor-7', 'Buffering pressure', 'pressure', 'hPa', 950, 1050)");
        jdbc.update("update sensors set nominal_interval = interval '500 ms', late_after = interval '3 s',"
                + " silent_after = interval '5 s', flatline_after = interval '2 s'");

        pipeline.startGenerator("--generator.interval=" + INTERVAL.toMillis() + "ms",
                "--generator.sensor-count=7", "--generator.seed=42", "--generator.spike-probability=0",
                // Sends for 8 s, then nothing for the rest of the test.
                "--generator.faults.dropout.sensors=sensor-2",
                "--generator.faults.dropout.period=60s", "--generator.faults.dropout.duration=52s",
                "--generator.faults.stuck.sensors=sensor-3",
                "--generator.faults.stuck.period=6s", "--generator.faults.stuck.duration=3s",
                "--generator.faults.spikes.sensors=sensor-4", "--generator.faults.spikes.probability=0.5",
                "--generator.faults.clock-drift.sensors=sensor-5",
                "--generator.faults.clock-drift.offset=5s", "--generator.faults.clock-drift.drift-per-minute=0s",
                "--generator.faults.duplicates.sensors=sensor-6", "--generator.faults.duplicates.probability=0.3",
                "--generator.faults.late-burst.sensors=sensor-7",
                "--generator.faults.late-burst.period=6s", "--generator.faults.late-burst.duration=3s");

        await().atMost(Duration.ofSeconds(15)).until(() -> newest("sensor-1") != null);
        Instant first = jdbc.queryForObject("select min(ts) from measurements where sensor_id = 'sensor-1'",
                Timestamp.class).toInstant();
        from = Timestamp.from(first.plusSeconds(1));
        to = Timestamp.from(first.plusSeconds(13));
        // Everything stamped before the window's end is stored once the healthy sensor is 4 s past it; by
        // then sensor-2 has been quiet for 8 s, longer than its silent_after.
        await().atMost(Duration.ofSeconds(40)).until(() -> newest("sensor-1").toInstant()
                .isAfter(to.toInstant().plusSeconds(4)));
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aHealthySensorReportsClean() {
        Map<String, Object> healthy = quality("sensor-1");

        assertThat(healthy.get("problems")).hasToString("{}");
        assertThat((Double) healthy.get("completeness")).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aDropoutShowsAsAGapIncompletenessAndSilence() {
        List<Map<String, Object>> gaps = jdbc.queryForList(
                "select extract(epoch from gap_length) as seconds from sensor_gaps(?, ?) where sensor_id = 'sensor-2'",
                from, to);

        assertThat(gaps).singleElement().satisfies(gap ->
                assertThat(((Number) gap.get("seconds")).doubleValue()).isBetween(4.0, 6.0));
        assertThat(quality("sensor-2").get("problems").toString()).contains("incomplete", "gaps", "silent");
        assertThat(jdbc.queryForObject("select status from sensor_staleness where sensor_id = 'sensor-2'",
                String.class)).isEqualTo("silent");
    }

    @Test
    void aStuckValueShowsAsAFlatline() {
        List<Map<String, Object>> flatlines = jdbc.queryForList(
                "select extract(epoch from duration) as seconds, readings from sensor_flatlines(?, ?)"
                        + " where sensor_id = 'sensor-3'", from, to);

        // Stuck for the last 3 s of every 6 s: twice in the 12 s window.
        assertThat(flatlines).hasSize(2).allSatisfy(flatline ->
                assertThat(((Number) flatline.get("seconds")).doubleValue()).isGreaterThanOrEqualTo(2.5));
        assertThat(quality("sensor-3").get("problems").toString()).contains("flatline");
    }

    @Test
    void spikesShowAsJumpsAndOutOfRangeReadings() {
        List<String> kinds = jdbc.queryForList("select kind from sensor_jumps(?, ?) where sensor_id = 'sensor-4'",
                String.class, from, to);

        assertThat(kinds).contains("spike");
        assertThat(quality("sensor-4").get("problems").toString()).contains("jumps", "out_of_range");
    }

    @Test
    void aClockRunningAheadShowsAsReadingsAheadOfReceipt() {
        Map<String, Object> timing = jdbc.queryForMap(
                "select ahead_of_receipt, extract(epoch from max_ahead) as max_ahead from sensor_timing(?, ?)"
                        + " where sensor_id = 'sensor-5'", from, to);

        assertThat(((Number) timing.get("ahead_of_receipt")).longValue()).isPositive();
        assertThat(((Number) timing.get("max_ahead")).doubleValue()).isBetween(4.0, 6.0);
        assertThat(quality("sensor-5").get("problems").toString()).contains("clock_ahead");
    }

    @Test
    void repeatedReadingsShowAsDuplicatesNotAsExtraRows() {
        Map<String, Object> quality = jdbc.queryForMap(
                "select readings, duplicates, redeliveries from sensor_reading_quality(?, ?)"
                        + " where sensor_id = 'sensor-6'",
                from, to);

        assertThat(((Number) quality.get("duplicates")).longValue()).isPositive();
        assertThat(((Number) quality.get("redeliveries")).longValue()).isZero();
        // 24 readings in 12 s at 500 ms: the copies are not counted as readings.
        assertThat(((Number) quality.get("readings")).longValue()).isBetween(22L, 25L);
        assertThat(quality("sensor-6").get("problems").toString()).contains("duplicates");
    }

    @Test
    void aLateBurstShowsAsLateArrivals() {
        Map<String, Object> timing = jdbc.queryForMap(
                "select late_arrivals, extract(epoch from max_delay) as max_delay"
                        + " from sensor_timing(?, ?, interval '1 second') where sensor_id = 'sensor-7'", from, to);

        assertThat(((Number) timing.get("late_arrivals")).longValue()).isGreaterThanOrEqualTo(4);
        assertThat(((Number) timing.get("max_delay")).doubleValue()).isBetween(2.0, 4.0);
        assertThat(jdbc.queryForObject("select late_arrivals from sensor_timing(?, ?, interval '1 second')"
                + " where sensor_id = 'sensor-1'", Long.class, from, to)).isZero();
    }

    @Test
    void aSilentSensorShowsInHealthDetailsAndMetricsWithoutFailingAProbe() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode sensors = new ObjectMapper().readTree(get("/actuator/health").body())
                    .path("components").path("sensors");
            assertThat(sensors.path("status").asString()).isEqualTo("UP");
            assertThat(sensors.path("details").path("silent").toString()).contains("sensor-2")
                    .doesNotContain("sensor-1");
            assertThat(sensors.path("details").path("sensors").path("sensor-1").path("status").asString())
                    .isEqualTo("ok");
        });
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        String metrics = get("/actuator/prometheus").body();
        assertThat(gauge(metrics, "collector_sensor_silent", "sensor-2")).isEqualTo(1.0);
        assertThat(gauge(metrics, "collector_sensor_silent", "sensor-1")).isEqualTo(0.0);
        assertThat(gauge(metrics, "collector_sensor_staleness_seconds", "sensor-2")).isGreaterThan(5.0);
        assertThat(gauge(metrics, "collector_sensor_staleness_seconds", "sensor-1")).isLessThan(3.0);
        assertThat(gauge(metrics, "collector_sensor_completeness_ratio", "sensor-1")).isGreaterThan(0.8);
        assertThat(gauge(metrics, "collector_sensor_completeness_ratio", "sensor-2")).isLessThan(0.75);
    }

    private static Map<String, Object> quality(String sensorId) {
        return jdbc.queryForMap("select completeness, problems::text as problems from sensor_quality(?, ?)"
                + " where sensor_id = ?", from, to, sensorId);
    }

    private static Timestamp newest(String sensorId) {
        return jdbc.queryForObject("select max(ts) from measurements where sensor_id = ?", Timestamp.class, sensorId);
    }

    private static double gauge(String prometheus, String metric, String sensor) {
        return PrometheusText.parse(prometheus).value(metric, "sensor", sensor)
                .orElseThrow(() -> new AssertionError(metric + " for " + sensor + " not in:\n" + prometheus));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String port = pipeline.collector().getEnvironment().getRequiredProperty("local.server.port");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generator and collector running together through the real broker into a real database, at the seed's
 * load: five sensors, one reading per second each, default batching (100 readings or 5 s).
 */
class PipelineEndToEndTests {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration OBSERVATION = Duration.ofSeconds(12);

    @TempDir
    static Path rawDirectory;

    private static InProcessPipeline pipeline;
    private static JdbcTemplate jdbc;

    /** Per observed row: when it first became visible minus its timestamp, the latest seen so far. */
    private static Duration worstPublishToQueryable = Duration.ZERO;
    private static Map<String, Long> rowsAtStart;
    private static Map<String, Long> rowsAtEnd;
    private static Duration observed;

    @BeforeAll
    static void runPipeline() {
        pipeline = InProcessPipeline.startCollector("e2e", rawDirectory, Map.of());
        jdbc = pipeline.jdbc();
        pipeline.startGenerator("--generator.interval=" + INTERVAL.toMillis() + "ms", "--generator.sensor-count=5");

        // Let the first batch land, then watch the tables grow.
        await().atMost(Duration.ofSeconds(15)).until(() -> rowsPerSensor().size() == 5);
        rowsAtStart = rowsPerSensor();
        Instant start = Instant.now();
        Instant lastSeen = latestTimestamp();
        while (Duration.between(start, Instant.now()).compareTo(OBSERVATION) < 0) {
            lastSeen = recordLatencies(lastSeen);
            await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }
        rowsAtEnd = rowsPerSensor();
        observed = Duration.between(start, Instant.now());
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void rowsPerSensorGrowAtTheConfiguredRate() {
        long expected = observed.toMillis() / INTERVAL.toMillis();
        for (String sensor : List.of("sensor-1", "sensor-2", "sensor-3", "sensor-4", "sensor-5")) {
            long grown = rowsAtEnd.get(sensor) - rowsAtStart.get(sensor);
            assertThat(grown).as("rows added for %s in %d ms", sensor, observed.toMillis())
                    .isBetween(expected - 6, expected + 1);
        }
    }

    @Test
    void everyReadingIsQueryableWithinFiveSecondsOfBeingPublished() {
        System.out.println("end to end: worst publish-to-queryable " + worstPublishToQueryable.toMillis() + " ms");
        assertThat(worstPublishToQueryable).isPositive().isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theRawArchiveHoldsAtLeastEveryStoredReading() throws IOException {
        long rows = jdbc.queryForObject("select count(*) from measurements", Long.class);
        long lines;
        try (Stream<Path> files = Files.list(rawDirectory)) {
            lines = files.mapToLong(PipelineEndToEndTests::lineCount).sum();
        }
        assertThat(rows).isPositive();
        assertThat(lines).isGreaterThanOrEqualTo(rows);
    }

    private static Instant recordLatencies(Instant after) {
        Instant now = Instant.now();
        List<Timestamp> fresh = jdbc.queryForList("select ts from measurements where ts > ?", Timestamp.class,
                Timestamp.from(after));
        Instant newest = after;
        for (Timestamp ts : fresh) {
            Duration latency = Duration.between(ts.toInstant(), now);
            if (latency.compareTo(worstPublishToQueryable) > 0) {
                worstPublishToQueryable = latency;
            }
            if (ts.toInstant().isAfter(newest)) {
                newest = ts.toInstant();
            }
        }
        return newest;
    }

    private static Instant latestTimestamp() {
        return jdbc.queryForObject("select max(ts) from measurements", Timestamp.class).toInstant();
    }

    private static Map<String, Long> rowsPerSensor() {
        Map<String, Long> rows = new HashMap<>();
        jdbc.query("select sensor_id, count(*) as n from measurements group by sensor_id",
                (java.sql.ResultSet rs) -> {
                    rows.put(rs.getString("sensor_id"), rs.getLong("n"));
                });
        return rows;
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}

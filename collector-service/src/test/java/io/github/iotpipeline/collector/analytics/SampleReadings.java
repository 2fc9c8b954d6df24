package io.github.iotpipeline.collector.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Two days of readings shaped so that each example query has something to find: daily cycles with
 * noise, humidity falling as temperature rises, a few out_of_range values and in-range spikes, a
 * 25-minute outage of sensor-3 with lost sequence numbers, sensor-5 silent for the last 3 hours, an
 * unregistered sensor-99, and now and then a reading delivered late.
 */
final class SampleReadings {

    private static final Duration HISTORY = Duration.ofHours(48);

    private static final String INSERT = """
            INSERT INTO measurements (sensor_id, ts, value, unit, quality, seq, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final Random random = new Random(42);

    private final Instant now;

    SampleReadings(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.MICROS);
    }

    void insertInto(Connection connection) throws SQLException {
        Map<String, Limits> limits = limits(connection);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Series series : series()) {
                add(insert, series, limits.get(series.sensorId()));
            }
        }
    }

    private List<Series> series() {
        Instant start = now.minus(HISTORY);
        Instant end = now.minusSeconds(5);
        Instant outage = ago(Duration.ofHours(20));
        return List.of(
                new Series("sensor-1", "°C", start, end, this::temperature,
                        Map.of(ago(Duration.ofHours(5)), -41.5, ago(Duration.ofMinutes(90)), 33.0)),
                new Series("sensor-2", "%", start, end, this::humidity, Map.of(ago(Duration.ofHours(7)), 104.2)),
                new Series("sensor-3", "hPa", start, end, this::pressure, Map.of(),
                        ts -> !ts.isBefore(outage) && ts.isBefore(outage.plus(Duration.ofMinutes(25)))),
                new Series("sensor-4", "ppm", start, end, this::co2,
                        Map.of(ago(Duration.ofHours(2)), 6150.0, ago(Duration.ofHours(6)), 4300.0)),
                new Series("sensor-5", "lux", start, ago(Duration.ofHours(3)), this::light, Map.of()),
                new Series("sensor-99", null, ago(Duration.ofHours(5)), ago(Duration.ofHours(4)),
                        ts -> 7 + noise(0.1), Map.of()));
    }

    private void add(PreparedStatement insert, Series series, Limits limits) throws SQLException {
        TreeMap<Instant, Double> overrides = new TreeMap<>(series.overrides());
        long seq = 0;
        for (Instant ts = series.from(); ts.isBefore(series.until()); ts = ts.plus(cadence())) {
            seq++;
            if (series.offline().test(ts)) {
                continue;
            }
            Map.Entry<Instant, Double> due = overrides.firstEntry();
            double value = due != null && !due.getKey().isAfter(ts) ? overrides.pollFirstEntry().getValue()
                    : series.signal().applyAsDouble(ts);
            insert.setString(1, series.sensorId());
            insert.setObject(2, OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
            insert.setDouble(3, value);
            insert.setString(4, series.unit());
            insert.setString(5, limits == null ? "unknown_sensor" : limits.quality(value));
            insert.setObject(6, limits == null ? null : seq, Types.BIGINT);
            insert.setObject(7, OffsetDateTime.ofInstant(ts.plus(deliveryDelay()), ZoneOffset.UTC));
            insert.addBatch();
        }
        insert.executeBatch();
    }

    /** One reading every 30 to 60 seconds, at microsecond precision like the collector stores. */
    private Duration cadence() {
        return Duration.of(random.nextLong(30_000_000, 60_000_001), ChronoUnit.MICROS);
    }

    private Duration deliveryDelay() {
        return random.nextInt(100) == 0 ? Duration.ofMillis(random.nextLong(5_000, 90_000))
                : Duration.ofMillis(random.nextLong(20, 400));
    }

    private double temperature(Instant ts) {
        return 21 + 2 * daily(ts) + noise(0.2);
    }

    private double humidity(Instant ts) {
        return 50 - 6 * daily(ts) + noise(1);
    }

    private double pressure(Instant ts) {
        return 1013 + 4 * Math.sin(2 * Math.PI * ts.getEpochSecond() / (30 * 3600.0)) + noise(0.3);
    }

    private double co2(Instant ts) {
        return 450 + 500 * Math.max(0, daily(ts)) + noise(20);
    }

    private double light(Instant ts) {
        return Math.max(0, 900 * daily(ts) + noise(30));
    }

    /** -1 at 03:00 UTC, +1 at 15:00 UTC. */
    private static double daily(Instant ts) {
        double hour = ts.getEpochSecond() % 86_400 / 3600.0;
        return Math.sin(2 * Math.PI * (hour - 9) / 24);
    }

    private double noise(double stddev) {
        return random.nextGaussian() * stddev;
    }

    private Instant ago(Duration duration) {
        return now.minus(duration);
    }

    private static Map<String, Limits> limits(Connection connection) throws SQLException {
        Map<String, Limits> limits = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, min_value, max_value FROM sensors")) {
            while (rows.next()) {
                limits.put(rows.getString(1), new Limits(rows.getDouble(2), rows.getDouble(3)));
            }
        }
        return limits;
    }

    private record Limits(double min, double max) {

        String quality(double value) {
            return value < min || value > max ? "out_of_range" : "valid";
        }
    }

    /**
     * One sensor's readings from {@code from} until {@code until}. Each override replaces the first reading at
     * or after its time; while {@code offline}, readings are lost but still use up sequence numbers.
     */
    private record Series(String sensorId, String unit, Instant from, Instant until, ToDoubleFunction<Instant> signal,
            Map<Instant, Double> overrides, Predicate<Instant> offline) {

        Series(String sensorId, String unit, Instant from, Instant until, ToDoubleFunction<Instant> signal,
                Map<Instant, Double> overrides) {
            this(sensorId, unit, from, until, signal, overrides, ts -> false);
        }
    }
}

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
import java.util.function.ToDoubleFunction;

/**
 * Two days of readings shaped so that each example query has something to find: daily cycles with
 * noise, humidity falling as temperature rises, a few out_of_range values and in-range spikes, a
 * 25-minute outage of sensor-3 with lost sequence numbers, sensor-5 silent for the last 3 hours, an
 * unregistered sensor-99, and now and then a reading delivered late. For the quality indicators:
 * sensor-2 stuck on one value for half an hour, sensor-4's clock running ahead for a quarter of an
 * hour, and readings of sensor-1 sent twice and of sensor-3 redelivered for a few minutes.
 */
final class SampleReadings {

    private static final Duration HISTORY = Duration.ofHours(48);

    private static final String INSERT = """
            INSERT INTO measurements (sensor_id, ts, value, unit, quality, seq, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_DUPLICATE = """
            INSERT INTO duplicate_readings (sensor_id, ts, received_at, redelivered)
            VALUES (?, ?, ?, ?)""";

    /** The generated sensors report every 30 to 60 seconds, not at the 1 Hz the registry assumes. */
    private static final String MATCH_REGISTRY_TO_CADENCE = """
            UPDATE sensors
               SET nominal_interval = interval '45 seconds', late_after = interval '2 minutes',
                   silent_after = interval '10 minutes'""";

    private static final Duration CLOCK_LEAD = Duration.ofSeconds(20);

    private final Random random = new Random(42);

    private final Instant now;

    SampleReadings(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.MICROS);
    }

    void insertInto(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(MATCH_REGISTRY_TO_CADENCE);
        }
        Map<String, Limits> limits = limits(connection);
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement insertDuplicate = connection.prepareStatement(INSERT_DUPLICATE)) {
            for (Series series : series()) {
                add(insert, insertDuplicate, series, limits.get(series.sensorId()));
            }
        }
    }

    private List<Series> series() {
        Instant start = now.minus(HISTORY);
        Instant end = now.minusSeconds(5);
        return List.of(
                new Series("sensor-1", "°C", start, end, this::temperature,
                        Map.of(ago(Duration.ofHours(5)), -41.5, ago(Duration.ofMinutes(90)), 33.0),
                        fault(SampleFault.Kind.SENT_TWICE, Duration.ofHours(3), Duration.ofMinutes(5))),
                new Series("sensor-2", "%", start, end, this::humidity, Map.of(ago(Duration.ofHours(7)), 104.2),
                        fault(SampleFault.Kind.STUCK, Duration.ofHours(10), Duration.ofMinutes(30))),
                new Series("sensor-3", "hPa", start, end, this::pressure, Map.of(),
                        fault(SampleFault.Kind.OFFLINE, Duration.ofHours(20), Duration.ofMinutes(25)),
                        fault(SampleFault.Kind.REDELIVERED, Duration.ofHours(2), Duration.ofMinutes(3))),
                new Series("sensor-4", "ppm", start, end, this::co2,
                        Map.of(ago(Duration.ofHours(2)), 6150.0, ago(Duration.ofHours(6)), 4300.0),
                        fault(SampleFault.Kind.CLOCK_AHEAD, Duration.ofHours(10), Duration.ofMinutes(15))),
                new Series("sensor-5", "lux", start, ago(Duration.ofHours(3)), this::light, Map.of()),
                new Series("sensor-99", null, ago(Duration.ofHours(5)), ago(Duration.ofHours(4)),
                        ts -> 7 + noise(0.1), Map.of()));
    }

    private void add(PreparedStatement insert, PreparedStatement insertDuplicate, Series series, Limits limits)
            throws SQLException {
        TreeMap<Instant, Double> overrides = new TreeMap<>(series.overrides());
        long seq = 0;
        double value = Double.NaN;
        for (Instant ts = series.from(); ts.isBefore(series.until()); ts = ts.plus(cadence())) {
            seq++;
            if (series.has(SampleFault.Kind.OFFLINE, ts)) {
                continue;
            }
            Map.Entry<Instant, Double> due = overrides.firstEntry();
            // The signal is evaluated even while stuck, so every later reading stays as it was without the fault.
            double measured = due != null && !due.getKey().isAfter(ts) ? overrides.pollFirstEntry().getValue()
                    : series.signal().applyAsDouble(ts);
            value = series.has(SampleFault.Kind.STUCK, ts) && !Double.isNaN(value) ? value : measured;
            Instant receivedAt = ts.plus(deliveryDelay());
            if (series.has(SampleFault.Kind.CLOCK_AHEAD, ts)) {
                receivedAt = receivedAt.minus(CLOCK_LEAD);
            }
            insert.setString(1, series.sensorId());
            insert.setObject(2, OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
            insert.setDouble(3, value);
            insert.setString(4, series.unit());
            insert.setString(5, limits == null ? "unknown_sensor" : limits.quality(value));
            insert.setObject(6, limits == null ? null : seq, Types.BIGINT);
            insert.setObject(7, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
            insert.addBatch();
            if (series.has(SampleFault.Kind.SENT_TWICE, ts) || series.has(SampleFault.Kind.REDELIVERED, ts)) {
                insertDuplicate.setString(1, series.sensorId());
                insertDuplicate.setObject(2, OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
                insertDuplicate.setObject(3, OffsetDateTime.ofInstant(receivedAt.plusSeconds(1), ZoneOffset.UTC));
                insertDuplicate.setBoolean(4, series.has(SampleFault.Kind.REDELIVERED, ts));
                insertDuplicate.addBatch();
            }
        }
        insert.executeBatch();
        insertDuplicate.executeBatch();
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

    private SampleFault fault(SampleFault.Kind kind, Duration ago, Duration length) {
        return new SampleFault(kind, ago(ago), length);
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
     * or after its time; the faults change what happens to the readings while they last.
     */
    private record Series(String sensorId, String unit, Instant from, Instant until, ToDoubleFunction<Instant> signal,
            Map<Instant, Double> overrides, List<SampleFault> faults) {

        Series(String sensorId, String unit, Instant from, Instant until, ToDoubleFunction<Instant> signal,
                Map<Instant, Double> overrides, SampleFault... faults) {
            this(sensorId, unit, from, until, signal, overrides, List.of(faults));
        }

        boolean has(SampleFault.Kind kind, Instant ts) {
            return faults.stream().anyMatch(fault -> fault.kind() == kind && fault.covers(ts));
        }
    }
}

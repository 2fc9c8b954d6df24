package io.github.iotpipeline.collector.analytics;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One hour of readings, one a minute at half past each minute, for sensors that each have exactly one fault
 * (and one that has none), so that every quality indicator has one sensor to find and exact figures to report.
 * All sensors expect a reading a minute, are late after 5 and silent after 30 minutes, flat after 10 minutes
 * of one value, and jump by more than 5.
 */
final class FaultySensors {

    static final String HEALTHY = "q-healthy";
    static final String GAPPY = "q-gappy";
    static final String SILENT = "q-silent";
    static final String LATE = "q-late";
    static final String FLAT = "q-flat";
    static final String JUMPY = "q-jumpy";
    static final String SKEWED = "q-skewed";
    static final String DIRTY = "q-dirty";
    static final String UNREGISTERED = "q-unregistered";

    static final Duration NORMAL_DELAY = Duration.ofMillis(200);

    private static final String REGISTER = """
            INSERT INTO sensors (id, name, type, unit, min_value, max_value, nominal_interval, late_after,
                                 silent_after, flatline_after, max_step)
            VALUES (?, ?, 'test', 'u', 0, 100, interval '1 minute', interval '5 minutes', interval '30 minutes',
                    interval '10 minutes', ?)""";

    private static final String INSERT_READING = """
            INSERT INTO measurements (sensor_id, ts, value, unit, quality, seq, received_at)
            VALUES (?, ?, ?, 'u', ?, NULL, ?)""";

    private static final String INSERT_DUPLICATE = """
            INSERT INTO duplicate_readings (sensor_id, ts, received_at, redelivered) VALUES (?, ?, ?, ?)""";

    private static final String INSERT_REJECTION = """
            INSERT INTO rejected_messages (received_at, topic, reason, detail, payload, payload_text, sensor_id)
            VALUES (?, ?, 'wrong_type', ?, ?, ?, ?)""";

    private final Instant from;

    private final Instant to;

    /** The hour before {@code to} is the window the tests ask about. */
    FaultySensors(Instant to) {
        this.to = to;
        this.from = to.minus(Duration.ofHours(1));
    }

    Instant from() {
        return from;
    }

    Instant to() {
        return to;
    }

    /** When the k-th reading of the hour (0 to 59) was measured. */
    Instant ts(int k) {
        return from.plusSeconds(30 + 60L * k);
    }

    void insertInto(Connection connection) throws SQLException {
        register(connection);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_READING)) {
            for (int k = 0; k < 60; k++) {
                double base = 50 + k % 2;
                add(insert, HEALTHY, k, base);
                if (k < 10 || k > 19) {
                    add(insert, GAPPY, k, base);
                }
                if (k < 50) {
                    add(insert, LATE, k, base);
                }
                add(insert, FLAT, k, k >= 20 && k <= 35 ? 50.5 : base);
                add(insert, JUMPY, k, k == 30 ? 90 : k >= 45 ? base + 20 : base);
                Duration delay = k >= 10 && k <= 12 ? Duration.ofMinutes(2)
                        : k == 40 ? Duration.ofSeconds(-10) : NORMAL_DELAY;
                add(insert, SKEWED, k, base, "valid", delay);
                add(insert, DIRTY, k, k == 5 ? 150 : base, k == 5 ? "out_of_range" : "valid", NORMAL_DELAY);
                if (k < 3) {
                    add(insert, UNREGISTERED, k, base, "unknown_sensor", NORMAL_DELAY);
                }
            }
            insert.executeBatch();
        }
        addDuplicatesAndRejections(connection);
    }

    private void register(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(REGISTER)) {
            for (String id : new String[] { HEALTHY, GAPPY, SILENT, LATE, FLAT, JUMPY, SKEWED, DIRTY }) {
                insert.setString(1, id);
                insert.setString(2, id);
                // the out-of-range reading of the dirty sensor should count as out of range, not as a jump
                insert.setDouble(3, DIRTY.equals(id) ? 1000 : 5);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Two readings sent again and one redelivered in the window, one sent again before it; rejections likewise. */
    private void addDuplicatesAndRejections(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DUPLICATE)) {
            duplicate(insert, ts(7), false);
            duplicate(insert, ts(8), false);
            duplicate(insert, ts(9), true);
            duplicate(insert, from.minus(Duration.ofMinutes(10)), false);
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_REJECTION)) {
            reject(insert, to.minus(Duration.ofMinutes(20)), "'value' must be a number, got a string");
            reject(insert, to.minus(Duration.ofMinutes(10)), "'value' must be a number, got an array");
            reject(insert, from.minus(Duration.ofMinutes(1)), "'value' must be a number, got null");
            insert.executeBatch();
        }
    }

    private void add(PreparedStatement insert, String sensor, int k, double value) throws SQLException {
        add(insert, sensor, k, value, "valid", NORMAL_DELAY);
    }

    private void add(PreparedStatement insert, String sensor, int k, double value, String quality, Duration delay)
            throws SQLException {
        insert.setString(1, sensor);
        insert.setObject(2, utc(ts(k)));
        insert.setDouble(3, value);
        insert.setString(4, quality);
        insert.setObject(5, utc(ts(k).plus(delay)));
        insert.addBatch();
    }

    private static void duplicate(PreparedStatement insert, Instant ts, boolean redelivered) throws SQLException {
        insert.setString(1, DIRTY);
        insert.setObject(2, utc(ts));
        insert.setObject(3, utc(ts.plusSeconds(5)));
        insert.setBoolean(4, redelivered);
        insert.addBatch();
    }

    private static void reject(PreparedStatement insert, Instant receivedAt, String detail) throws SQLException {
        String payload = "{\"sensor_id\":\"" + DIRTY + "\",\"value\":\"?\"}";
        insert.setObject(1, utc(receivedAt));
        insert.setString(2, "sensors/" + DIRTY + "/readings");
        insert.setString(3, detail);
        insert.setBytes(4, payload.getBytes(StandardCharsets.UTF_8));
        insert.setString(5, payload);
        insert.setString(6, DIRTY);
        insert.addBatch();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

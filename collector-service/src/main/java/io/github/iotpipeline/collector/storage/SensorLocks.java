package io.github.iotpipeline.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Makes the writers of one sensor's readings take turns. The rollup trigger upserts, per statement, one row per
 * sensor and bucket of measurements_1min, _1hour, _1day and sensor_activity, each table in key order. While a
 * batch went as several statements (the driver's multi-row inserts of at most 128 rows), one transaction could
 * lock a sensor's day row in one statement and its current minute in a later one, while another writer of that
 * sensor (a live collector beside a replay of today, or a second collector) held that minute and waited for the
 * day: PostgreSQL aborted one of them as deadlocked. A batch is one statement now ({@link MeasurementInsert}),
 * which takes those rows in one order. The locks stay for what the statement alone does not give: the keys
 * found missing before the insert cannot be stored by another writer before it, so a reading two writers store
 * at once is recorded as a copy in duplicate_readings by the one that comes second (the counts themselves come
 * from the insert's own row count either way). Replay and redrive record no copies and take no locks: a
 * reading one of them stores between a live batch's lookup and its insert counts as a duplicate in the live
 * batch but gets no row in duplicate_readings. That takes a reading redelivered live at the very moment the
 * replay of its archived first copy stores it; the row count stays exact.
 * <p>
 * Every store transaction first takes a transaction-level advisory lock for each sensor of its readings, all in
 * one order and before it touches a row: writers that share a sensor follow each other, the others run side by
 * side. Sensors share {@value #SLOTS} locks, by hash, so that a batch of a large fleet takes no more than that
 * many entries of PostgreSQL's lock table; two sensors on one lock only wait for each other.
 */
final class SensorLocks {

    /** The first key of the two-key advisory locks, this class's own: "ROLL". */
    static final int SPACE = 0x524F4C4C;
    static final int SLOTS = 1024;

    // Sorted before the locks are taken: PostgreSQL evaluates a volatile function of the select list after ORDER BY.
    private static final String LOCK = "select pg_advisory_xact_lock(?, slot) from unnest(?::int[]) as slot"
            + " order by slot";

    private SensorLocks() {
    }

    /** Takes the locks of the sensors, in the transaction of the connection, until it ends. */
    static void lock(Connection connection, Collection<String> sensorIds) throws SQLException {
        Integer[] slots = sensorIds.stream().map(SensorLocks::slot).distinct().sorted().toArray(Integer[]::new);
        try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
            statement.setInt(1, SPACE);
            statement.setArray(2, connection.createArrayOf("int4", slots));
            statement.executeQuery().close();
        }
    }

    static int slot(String sensorId) {
        return Math.floorMod(sensorId.hashCode(), SLOTS);
    }
}

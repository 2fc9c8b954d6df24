package io.github.iotpipeline.collector.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;

/**
 * Inserts a batch's new readings in one statement: the rows go as seven arrays, one per column, and
 * PostgreSQL unnests them. One statement per batch, where a JDBC batch of the entity's insert is one statement
 * per 128 rows, means one parse and plan, no per-row binding, and one run of the statement-level rollup
 * trigger over the whole batch, which upserts each sensor's minute, hour and day rows once instead of once per
 * statement. It is a native statement on the session's connection, in the transaction of the rest of the
 * batch; a large batch may take two, see {@link #WITHOUT_CONFLICT_CHECK_FROM}.
 */
final class MeasurementInsert {

    // Timestamps as microseconds since the epoch: the driver sends a bigint[] as binary, with nothing to format,
    // and PostgreSQL adds them to the epoch four times faster than it parses ISO-8601 text. Whole days of
    // 24 hours (never the session's calendar days) and the microseconds left keep every product of the
    // interval arithmetic, which is floating point, exact over all of PostgreSQL's range.
    private static final String INSERT_NEW = """
            insert into measurements (sensor_id, ts, value, unit, quality, seq, received_at)
            select sensor_id, %s, value, unit, quality, seq, %s
            from unnest(?::text[], ?::int8[], ?::float8[], ?::text[], ?::text[], ?::int8[], ?::int8[])
                 as row (sensor_id, ts, value, unit, quality, seq, received_at)
            """.formatted(fromMicros("ts"), fromMicros("received_at"));

    private static final String INSERT_UNLESS_STORED = INSERT_NEW + "on conflict (sensor_id, ts) do nothing\n";

    /**
     * From this many rows, a batch whose rows are expected to be new is first inserted without the conflict
     * clause: with it, PostgreSQL looks each row up in the key's index before inserting it there, which was a
     * sixth of its time in a replay into empty tables. Should a row be stored after all, the insert is undone to
     * a savepoint and done again with the clause. Smaller batches (the live collector's) are not worth the two
     * round trips of the savepoint.
     */
    static final int WITHOUT_CONFLICT_CHECK_FROM = 1_000;

    private static final String UNIQUE_VIOLATION = "23505";

    private MeasurementInsert() {
    }

    /**
     * Inserts the rows, in their order; returns how many were new (a row stored meanwhile is skipped).
     *
     * @param expectNew whether the caller expects every row to be new, so that the insert may try without the
     *        conflict clause first
     */
    static int insert(Connection connection, List<Measurement> rows, boolean expectNew) throws SQLException {
        Array[] columns = columns(connection, rows);
        if (!expectNew || rows.size() < WITHOUT_CONFLICT_CHECK_FROM) {
            return run(connection, INSERT_UNLESS_STORED, columns);
        }
        Savepoint before = connection.setSavepoint();
        try {
            int inserted = run(connection, INSERT_NEW, columns);
            connection.releaseSavepoint(before);
            return inserted;
        }
        catch (SQLException ex) {
            if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
                throw ex;
            }
            connection.rollback(before);
            return run(connection, INSERT_UNLESS_STORED, columns);
        }
    }

    private static int run(Connection connection, String sql, Array[] columns) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < columns.length; i++) {
                statement.setArray(i + 1, columns[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** The rows as seven arrays, one per column. */
    private static Array[] columns(Connection connection, List<Measurement> rows) throws SQLException {
        int size = rows.size();
        String[] sensors = new String[size];
        Long[] timestamps = new Long[size];
        Double[] values = new Double[size];
        String[] units = new String[size];
        String[] qualities = new String[size];
        Long[] seqs = new Long[size];
        Long[] receivedAts = new Long[size];
        for (int i = 0; i < size; i++) {
            Measurement row = rows.get(i);
            sensors[i] = row.getSensorId();
            timestamps[i] = micros(row.getTs());
            values[i] = row.getValue();
            units[i] = row.getUnit();
            qualities[i] = row.getQuality();
            seqs[i] = row.getSeq();
            receivedAts[i] = micros(row.getReceivedAt());
        }
        return new Array[] {connection.createArrayOf("text", sensors), connection.createArrayOf("int8", timestamps),
            connection.createArrayOf("float8", values), connection.createArrayOf("text", units),
            connection.createArrayOf("text", qualities), connection.createArrayOf("int8", seqs),
            connection.createArrayOf("int8", receivedAts)};
    }

    private static String fromMicros(String column) {
        return "timestamptz 'epoch' + (%1$s / 86400000000) * interval '24 hours'".formatted(column)
                + " + (%1$s %% 86400000000) * interval '1 microsecond'".formatted(column);
    }

    /** Whole microseconds: what PostgreSQL keeps; readings and receive times carry no finer digits. */
    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}

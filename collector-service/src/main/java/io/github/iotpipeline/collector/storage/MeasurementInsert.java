package io.github.iotpipeline.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;


/**
 * Inserts a batch's new readings in one statement: the rows go as seven arrays, one per column, and
 * PostgreSQL unnests them. One statement per batch, where a JDBC batch of the entity's insert is one statement
 * per 128 rows, means one parse and plan, no per-row binding, and one run of the statement-level rollup
 * trigger over the whole batch, which upserts each sensor's minute, hour and day rows once instead of once per
 * statement. It is a native statement on the session's connection, in the transaction of the rest of the
 * batch.
 */
final class MeasurementInsert {

    // Timestamps as microseconds since the epoch: the driver sends a bigint[] as binary, with nothing to format,
    // and PostgreSQL adds them to the epoch four times faster than it parses ISO-8601 text. Whole days of
    // 24 hours (never the session's calendar days) and the microseconds left keep every product of the
    // interval arithmetic, which is floating point, exact over all of PostgreSQL's range.
    private static final String INSERT = """
            insert into measurements (sensor_id, ts, value, unit, quality, seq, received_at)
            select sensor_id, %s, value, unit, quality, seq, %s
            from unnest(?::text[], ?::int8[], ?::float8[], ?::text[], ?::text[], ?::int8[], ?::int8[])
                 as row (sensor_id, ts, value, unit, quality, seq, received_at)
            on conflict (sensor_id, ts) do nothing
            """.formatted(fromMicros("ts"), fromMicros("received_at"));

    private MeasurementInsert() {
    }

    /** Inserts the rows, in their order; returns how many were new (a row stored meanwhile is skipped). */
    static int insert(Connection connection, List<Measurement> rows) throws SQLException {
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
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setArray(1, connection.createArrayOf("text", sensors));
            statement.setArray(2, connection.createArrayOf("int8", timestamps));
            statement.setArray(3, connection.createArrayOf("float8", values));
            statement.setArray(4, connection.createArrayOf("text", units));
            statement.setArray(5, connection.createArrayOf("text", qualities));
            statement.setArray(6, connection.createArrayOf("int8", seqs));
            statement.setArray(7, connection.createArrayOf("int8", receivedAts));
            return statement.executeUpdate();
        }
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

package io.github.iotpipeline.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import io.github.iotpipeline.model.IsoTimestamps;

/**
 * Inserts a batch's new readings in one statement: the rows go as seven arrays, one per column, and
 * PostgreSQL unnests them. One statement per batch, where a JDBC batch of the entity's insert is one statement
 * per 128 rows, means one parse and plan, no per-row binding, and one run of the statement-level rollup
 * trigger over the whole batch, which upserts each sensor's minute, hour and day rows once instead of once per
 * statement. It is a native statement on the session's connection, in the transaction of the rest of the
 * batch.
 */
final class MeasurementInsert {

    // Timestamps as ISO-8601 text with their offset: unambiguous whatever the session's time zone.
    private static final String INSERT = """
            insert into measurements (sensor_id, ts, value, unit, quality, seq, received_at)
            select * from unnest(?::text[], ?::text[]::timestamptz[], ?::float8[], ?::text[], ?::text[],
                                 ?::int8[], ?::text[]::timestamptz[])
            on conflict (sensor_id, ts) do nothing
            """;

    private MeasurementInsert() {
    }

    /** Inserts the rows, in their order; returns how many were new (a row stored meanwhile is skipped). */
    static int insert(Connection connection, List<Measurement> rows) throws SQLException {
        int size = rows.size();
        String[] sensors = new String[size];
        String[] timestamps = new String[size];
        Double[] values = new Double[size];
        String[] units = new String[size];
        String[] qualities = new String[size];
        Long[] seqs = new Long[size];
        String[] receivedAts = new String[size];
        for (int i = 0; i < size; i++) {
            Measurement row = rows.get(i);
            sensors[i] = row.getSensorId();
            timestamps[i] = IsoTimestamps.format(row.getTs());
            values[i] = row.getValue();
            units[i] = row.getUnit();
            qualities[i] = row.getQuality();
            seqs[i] = row.getSeq();
            receivedAts[i] = IsoTimestamps.format(row.getReceivedAt());
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setArray(1, connection.createArrayOf("text", sensors));
            statement.setArray(2, connection.createArrayOf("text", timestamps));
            statement.setArray(3, connection.createArrayOf("float8", values));
            statement.setArray(4, connection.createArrayOf("text", units));
            statement.setArray(5, connection.createArrayOf("text", qualities));
            statement.setArray(6, connection.createArrayOf("int8", seqs));
            statement.setArray(7, connection.createArrayOf("text", receivedAts));
            return statement.executeUpdate();
        }
    }
}

package io.github.iotpipeline.collector.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes the rollups from {@code measurements} (and each coarser one from the finer one) with plain
 * GROUP BY queries, and lists every row where the stored rollup differs. Written independently of the
 * trigger that maintains them: comparing the trigger with itself would prove nothing.
 */
public final class RollupRecomputation {

    /** Every rollup table with its bucket width and the table it is rolled up from. */
    private static final List<String[]> ROLLUPS = List.of(
            new String[] { "measurements_1min", "1 minute", "measurements_1min" },
            new String[] { "measurements_1hour", "1 hour", "measurements_1min" },
            new String[] { "measurements_1day", "1 day", "measurements_1hour" });

    private static final String COLUMNS = "sensor_id, bucket, reading_count, valid_count, out_of_range_count,"
            + " unknown_sensor_count, min_value, max_value, sum_value, avg_value, in_range_sum, in_range_avg,"
            + " first_ts, first_value, last_ts, last_value, last_received_at, in_range_min, in_range_max,"
            + " in_range_sum_squares";

    private static final String FROM_MEASUREMENTS = """
            select sensor_id, date_bin(interval '%s', ts, timestamptz '2000-01-01 00:00:00+00') as bucket,
                   count(*) as reading_count,
                   count(*) filter (where quality = 'valid') as valid_count,
                   count(*) filter (where quality = 'out_of_range') as out_of_range_count,
                   count(*) filter (where quality = 'unknown_sensor') as unknown_sensor_count,
                   min(value) as min_value, max(value) as max_value,
                   sum(value::numeric) as sum_value,
                   (sum(value::numeric) / count(*))::double precision as avg_value,
                   coalesce(sum(value::numeric) filter (where quality <> 'out_of_range'), 0) as in_range_sum,
                   (sum(value::numeric) filter (where quality <> 'out_of_range')
                       / nullif(count(*) filter (where quality <> 'out_of_range'), 0))::double precision
                       as in_range_avg,
                   min(ts) as first_ts,
                   (select m2.value from measurements m2
                       where m2.sensor_id = m.sensor_id and m2.ts = min(m.ts)) as first_value,
                   max(ts) as last_ts,
                   (select m2.value from measurements m2
                       where m2.sensor_id = m.sensor_id and m2.ts = max(m.ts)) as last_value,
                   max(received_at) as last_received_at,
                   min(value) filter (where quality <> 'out_of_range') as in_range_min,
                   max(value) filter (where quality <> 'out_of_range') as in_range_max,
                   coalesce(sum(value::numeric * value::numeric) filter (where quality <> 'out_of_range'), 0)
                       as in_range_sum_squares
            from measurements m
            group by 1, 2
            """;

    private static final String FROM_FINER = """
            select sensor_id, date_bin(interval '%s', bucket, timestamptz '2000-01-01 00:00:00+00') as bucket,
                   sum(reading_count), sum(valid_count), sum(out_of_range_count), sum(unknown_sensor_count),
                   min(min_value), max(max_value), sum(sum_value),
                   (sum(sum_value) / sum(reading_count))::double precision,
                   sum(in_range_sum),
                   (sum(in_range_sum) / nullif(sum(reading_count - out_of_range_count), 0))::double precision,
                   min(first_ts), (array_agg(first_value order by first_ts))[1],
                   max(last_ts), (array_agg(last_value order by last_ts desc))[1],
                   max(last_received_at), min(in_range_min), max(in_range_max), sum(in_range_sum_squares)
            from %s
            group by 1, 2
            """;

    private static final String ACTIVITY = """
            select sensor_id, min(ts), max(ts),
                   (select m2.value from measurements m2 where m2.sensor_id = m.sensor_id and m2.ts = max(m.ts)),
                   max(received_at)
            from measurements m
            group by sensor_id
            """;

    private RollupRecomputation() {
    }

    /** Rows of any rollup (or sensor_activity) that differ from a recomputation from measurements. */
    public static List<String> differencesFromMeasurements(Connection connection) throws SQLException {
        List<String> differences = new ArrayList<>();
        for (String[] rollup : ROLLUPS) {
            differences.addAll(differences(connection, rollup[0], FROM_MEASUREMENTS.formatted(rollup[1])));
        }
        differences.addAll(differences(connection, "sensor_activity", ACTIVITY,
                "sensor_id, first_ts, last_ts, last_value, last_received_at"));
        return differences;
    }

    /** Rows of the hourly and daily rollups that differ from a roll-up of the next finer table. */
    public static List<String> differencesFromFinerRollups(Connection connection) throws SQLException {
        List<String> differences = new ArrayList<>();
        for (String[] rollup : ROLLUPS.subList(1, ROLLUPS.size())) {
            differences.addAll(differences(connection, rollup[0], FROM_FINER.formatted(rollup[1], rollup[2])));
        }
        return differences;
    }

    private static List<String> differences(Connection connection, String table, String recomputed)
            throws SQLException {
        return differences(connection, table, recomputed, COLUMNS);
    }

    private static List<String> differences(Connection connection, String table, String recomputed, String columns)
            throws SQLException {
        String sql = "(select 'stored " + table + "' as side, * from (select " + columns + " from " + table
                + " except select * from (" + recomputed + ") r) d)"
                + " union all (select 'recomputed " + table + "', * from ((" + recomputed + ") except select "
                + columns + " from " + table + ") d) order by 2, 3, 1";
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= width; i++) {
                    row.append(i == 1 ? "" : " | ").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}

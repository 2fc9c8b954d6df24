package io.github.iotpipeline.collector.analytics;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** hourly_aggregates, read from the rollups since V19, must say what V5's grouping of every reading said. */
class HourlyAggregatesTests {

    /** V5's definition. */
    private static final String AS_V5_DEFINED_IT = """
            select m.sensor_id, date_trunc('hour', m.ts) as hour, count(*) as reading_count,
                   count(*) filter (where m.quality = 'valid') as valid_count,
                   count(*) filter (where m.quality = 'out_of_range') as out_of_range_count,
                   count(*) filter (where m.quality = 'unknown_sensor') as unknown_sensor_count,
                   avg(m.value) filter (where m.quality <> 'out_of_range') as avg_value,
                   min(m.value) filter (where m.quality <> 'out_of_range') as min_value,
                   max(m.value) filter (where m.quality <> 'out_of_range') as max_value,
                   stddev_samp(m.value) filter (where m.quality <> 'out_of_range') as stddev_value
            from measurements m
            group by m.sensor_id, date_trunc('hour', m.ts)""";

    /**
     * Rows of either side without an equal row on the other: counts, minimum and maximum exactly, the mean
     * and standard deviation to 1e-9 of their size (V5 summed doubles, the rollups sum exactly); from the
     * hour given on.
     */
    private static final String DIFFERENCES = """
            select coalesce(o.sensor_id, n.sensor_id), coalesce(o.hour, n.hour)
            from (%s) o full join hourly_aggregates n on n.sensor_id = o.sensor_id and n.hour = o.hour
            where coalesce(o.hour, n.hour) >= timestamptz '%%s' and (o.sensor_id is null or n.sensor_id is null
               or (o.reading_count, o.valid_count, o.out_of_range_count, o.unknown_sensor_count, o.min_value,
                   o.max_value) is distinct from (n.reading_count, n.valid_count, n.out_of_range_count,
                   n.unknown_sensor_count, n.min_value, n.max_value)
               or (o.avg_value is null) <> (n.avg_value is null)
               or abs(o.avg_value - n.avg_value) > 1e-9 * abs(o.avg_value)
               or (o.stddev_value is null) <> (n.stddev_value is null)
               or abs(o.stddev_value - n.stddev_value) > 1e-9 * greatest(o.stddev_value, 1e-6))
            """.formatted(AS_V5_DEFINED_IT);

    /** Hours of readings: three sensors, every quality, one all out of range, in three statements out of order. */
    private static final String READINGS = """
            insert into measurements (sensor_id, ts, value, unit, quality, received_at)
            select case when i %% 97 = 0 then 'stranger' else 'sensor-' || (1 + i %% 3) end,
                   timestamptz '2026-11-26 07:50:00+00' + i * interval '7 seconds',
                   20 + (i * 7919 %% 1000) / 37.0 + (i %% 5) * 1e-3, null,
                   case when i %% 97 = 0 then 'unknown_sensor' when i %% 23 = 0 then 'out_of_range' else 'valid' end,
                   now()
            from generate_series(1, 2400) i
            where i %% 3 = %d""";

    @RegisterExtension
    static final MigratedDatabase DATABASE = new MigratedDatabase("hourly_aggregates");

    @Test
    void saysWhatTheGroupingOfEveryReadingSaidInZonesOfWholeAndOfPartHours() throws SQLException {
        for (int part : new int[] { 2, 0, 1 }) {
            DATABASE.execute(READINGS.formatted(part));
        }
        DATABASE.execute("""
                insert into measurements (sensor_id, ts, value, unit, quality, received_at) values
                  ('sensor-9', '2026-11-26 09:10:00+00', 500, null, 'out_of_range', now()),
                  ('sensor-8', '2026-11-26 09:40:00+00', 5, null, 'valid', now())""");

        for (String zone : List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu",
                "America/St_Johns")) {
            DATABASE.execute("set time zone '" + zone + "'");
            assertThat(DATABASE.rows("select count(*) from hourly_aggregates")).as(zone)
                    .isEqualTo(DATABASE.rows("select count(*) from (" + AS_V5_DEFINED_IT + ") o"))
                    .isNotEqualTo(List.of("0"));
            assertThat(DATABASE.rows(DIFFERENCES.formatted("-infinity"))).as(zone).isEmpty();
        }
        DATABASE.execute("set time zone 'UTC'");
        assertThat(DATABASE.rows("""
                select min_value, max_value, stddev_value from hourly_aggregates where sensor_id = 'sensor-9'"""))
                .containsExactly("null null null");
        assertThat(DATABASE.rows("""
                select avg_value, min_value, stddev_value from hourly_aggregates where sensor_id = 'sensor-8'"""))
                .containsExactly("5 5 null");
    }

    @Test
    void anHourWhoseReadingsExpiredBeforeTheMigrationKeepsItsCountsAndHasNoSpread() throws SQLException {
        TestDatabase older = TestDatabase.create("hourly_aggregates_backfill");
        try (Connection before = older.connect()) {
            Migrations.applyUpTo(older, "18");
            MigratedDatabase.execute(before, READINGS.formatted(0));
            // Part of the first hour expires (V10's function keeps to whole days; the effect is the same).
            MigratedDatabase.execute(before, "delete from measurements where ts < '2026-11-26 08:30:00+00'");
            Migrations.apply(older);
            MigratedDatabase.execute(before, "set time zone 'UTC'");

            assertThat(MigratedDatabase.rows(before, """
                    select hour, reading_count, min_value, max_value, stddev_value from hourly_aggregates
                    where sensor_id = 'sensor-1' and hour = '2026-11-26 08:00:00+00'"""))
                    .singleElement().asString().startsWith("2026-11-26 08:00:00+00 ").endsWith(" null null null");
            assertThat(MigratedDatabase.rows(before, """
                    select count(*) filter (where in_range_sum_squares is null),
                           count(*) filter (where bucket < '2026-11-26 08:30:00+00')
                    from measurements_1min"""))
                    .singleElement().asString().matches("([1-9][0-9]*) \\1");
            // The hours whose readings are all there say what V5 said.
            assertThat(MigratedDatabase.rows(before, DIFFERENCES.formatted("2026-11-26 09:00:00+00"))).isEmpty();

            // A reading that joins a bucket whose spread is not known leaves it unknown.
            MigratedDatabase.execute(before, """
                    insert into measurements (sensor_id, ts, value, unit, quality, received_at)
                    values ('sensor-1', '2026-11-26 07:59:59+00', 1, null, 'valid', now())""");
            assertThat(MigratedDatabase.rows(before, """
                    select reading_count, min_value from hourly_aggregates
                    where sensor_id = 'sensor-1' and hour = '2026-11-26 07:00:00+00'"""))
                    .singleElement().asString().endsWith(" null");
        }
        finally {
            older.close();
        }
    }
}

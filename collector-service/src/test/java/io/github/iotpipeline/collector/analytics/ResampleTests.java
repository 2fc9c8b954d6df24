package io.github.iotpipeline.collector.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The resample(sensor, from_ts, to_ts, step, fill) function against a migrated database. */
class ResampleTests {

    @RegisterExtension
    static final MigratedDatabase DATABASE = new MigratedDatabase("resample");

    @BeforeEach
    void insertReadings() throws SQLException {
        execute("truncate measurements, measurements_1min, measurements_1hour, measurements_1day, sensor_activity");
        // sensor-1: 10 and 20 in minute 10:00, nothing at 10:01 and 10:02, 40 and a spike of 999 at 10:03.
        execute("""
                insert into measurements (sensor_id, ts, value, quality, received_at) values
                  ('sensor-1', '2026-11-26 10:00:05+00', 10, 'valid', now()),
                  ('sensor-1', '2026-11-26 10:00:35+00', 20, 'valid', now()),
                  ('sensor-1', '2026-11-26 10:03:05+00', 40, 'valid', now()),
                  ('sensor-1', '2026-11-26 10:03:10+00', 999, 'out_of_range', now()),
                  ('sensor-2', '2026-11-26 10:01:00+00', 50, 'valid', now())
                """);
    }

    @Test
    void averagesTheInRangeReadingsOfEachBucketAndLeavesEmptyBucketsEmpty() throws SQLException {
        assertThat(resample("'sensor-1', '2026-11-26 10:00+00', '2026-11-26 10:05+00', interval '1 minute', 'none'"))
                .containsExactly(
                        "sensor-1 10:00 15.0 2 false",
                        "sensor-1 10:01 null 0 false",
                        "sensor-1 10:02 null 0 false",
                        "sensor-1 10:03 40.0 1 false",
                        "sensor-1 10:04 null 0 false");
    }

    @Test
    void carriesTheLastValueForward() throws SQLException {
        assertThat(resample("'sensor-1', '2026-11-26 10:00+00', '2026-11-26 10:05+00', interval '1 minute', 'locf'"))
                .containsExactly(
                        "sensor-1 10:00 15.0 2 false",
                        "sensor-1 10:01 15.0 0 true",
                        "sensor-1 10:02 15.0 0 true",
                        "sensor-1 10:03 40.0 1 false",
                        "sensor-1 10:04 40.0 0 true");
    }

    @Test
    void interpolatesLinearlyBetweenValuesButNeverBeyondThem() throws SQLException {
        assertThat(resample("'sensor-1', '2026-11-26 09:59+00', '2026-11-26 10:05+00', interval '1 minute', 'linear'"))
                .containsExactly(
                        "sensor-1 09:59 null 0 false",
                        "sensor-1 10:00 15.0 2 false",
                        "sensor-1 10:01 23.333333333333336 0 true",
                        "sensor-1 10:02 31.666666666666668 0 true",
                        "sensor-1 10:03 40.0 1 false",
                        "sensor-1 10:04 null 0 false");
    }

    @Test
    void resamplesBelowAMinuteFromTheRawReadings() throws SQLException {
        assertThat(resample("'sensor-1', '2026-11-26 10:00+00', '2026-11-26 10:01+00', interval '30 seconds', 'none'"))
                .containsExactly("sensor-1 10:00 10.0 1 false", "sensor-1 10:00 20.0 1 false");
    }

    @Test
    void resamplesEverySensorWhenNoneIsNamed() throws SQLException {
        List<String> rows = resample("NULL, '2026-11-26 10:00+00', '2026-11-26 10:02+00', interval '1 minute', 'none'");

        // The five registered sensors, each with a row per bucket, whether or not they sent anything.
        assertThat(rows).hasSize(10)
                .contains("sensor-1 10:00 15.0 2 false", "sensor-2 10:01 50.0 1 false", "sensor-5 10:01 null 0 false");
    }

    @Test
    void stillAnswersFromTheRollupsAfterRawReadingsExpired() throws SQLException {
        List<String> before = resample("'sensor-1', '2026-11-26 10:00+00', '2026-11-26 10:05+00',"
                + " interval '5 minutes', 'none'");
        execute("delete from measurements");

        assertThat(resample("'sensor-1', '2026-11-26 10:00+00', '2026-11-26 10:05+00', interval '5 minutes', 'none'"))
                .isEqualTo(before)
                .containsExactly("sensor-1 10:00 23.333333333333332 3 false");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "unknown fill        | 'sensor-1', now() - interval '1 hour', now(), interval '1 minute', 'cubic'"
                    + " | fill must be none, locf or linear",
            "empty range         | 'sensor-1', now(), now(), interval '1 minute', 'none'                     "
                    + " | from_ts must be before to_ts",
            "months              | 'sensor-1', now() - interval '1 year', now(), interval '1 month', 'none'  "
                    + " | no months",
            "negative step       | 'sensor-1', now() - interval '1 hour', now(), interval '-1 minute', 'none'"
                    + " | step must be a positive interval",
            "too many buckets    | 'sensor-1', now() - interval '1 year', now(), interval '1 second', 'none' "
                    + "| choose a longer step" })
    void refusesArgumentsItCannotHonour(String name, String arguments, String message) {
        assertThatThrownBy(() -> resample(arguments)).hasMessageContaining(message);
    }

    private static List<String> resample(String arguments) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = DATABASE.connection().createStatement(); ResultSet result = statement.executeQuery(
                "select sensor_id, to_char(bucket at time zone 'UTC', 'HH24:MI') as minute, value,"
                        + " reading_count, filled"
                        + " from resample(" + arguments + ")")) {
            while (result.next()) {
                Object value = result.getObject("value");
                rows.add(result.getString("sensor_id") + " " + result.getString("minute") + " " + value + " "
                        + result.getLong("reading_count") + " " + result.getBoolean("filled"));
            }
        }
        return rows;
    }

    private static void execute(String sql) throws SQLException {
        DATABASE.execute(sql);
    }
}

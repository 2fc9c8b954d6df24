package io.github.iotpipeline.collector.analytics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.iotpipeline.collector.analytics.FaultySensors.DIRTY;
import static io.github.iotpipeline.collector.analytics.FaultySensors.FLAT;
import static io.github.iotpipeline.collector.analytics.FaultySensors.GAPPY;
import static io.github.iotpipeline.collector.analytics.FaultySensors.HEALTHY;
import static io.github.iotpipeline.collector.analytics.FaultySensors.JUMPY;
import static io.github.iotpipeline.collector.analytics.FaultySensors.LATE;
import static io.github.iotpipeline.collector.analytics.FaultySensors.SILENT;
import static io.github.iotpipeline.collector.analytics.FaultySensors.SKEWED;
import static io.github.iotpipeline.collector.analytics.FaultySensors.UNREGISTERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The data-quality functions and views of the migrations against one hour of crafted readings: each faulty
 * sensor must be reported with the right figures, the healthy one not at all. The window ends a moment before
 * the database's now(), so that nothing in it is still to come.
 */
class QualityIndicatorsTests {

    private static final String WINDOW = "?::timestamptz, ?::timestamptz";

    /** The fixture sensors' late_after. */
    private static final Duration LATE_AFTER = Duration.ofMinutes(5);

    private static TestDatabase database;

    private static Connection connection;

    private static FaultySensors sensors;

    @BeforeAll
    static void insertOneHourOfFaultyReadingsIntoAMigratedDatabase() throws SQLException {
        database = TestDatabase.create("quality_indicators");
        Migrations.apply(database);
        connection = database.connect();
        sensors = new FaultySensors(databaseNow().truncatedTo(ChronoUnit.SECONDS));
        sensors.insertInto(connection);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** The indicators judge up to late_after (5 minutes here) before now: later readings may still be on their way. */
    @Test
    void countsReceivedAgainstExpectedReadings() throws SQLException {
        Map<String, List<?>> completeness = bySensor(inWindow(
                "SELECT sensor_id, expected, received, missing, completeness"
                        + " FROM sensor_completeness(" + WINDOW + ")"));

        assertThat(completeness).contains(
                entry(HEALTHY, List.of(55L, 55L, 0L, 1.0)),
                entry(GAPPY, List.of(55L, 45L, 10L, 0.8182)),
                entry(SILENT, List.of(55L, 0L, 55L, 0.0)));
        assertThat(completeness).doesNotContainKey(UNREGISTERED);
    }

    @Test
    void reportsAGapBetweenReadingsWithItsBoundsLengthAndMissingReadings() throws SQLException {
        assertThat(gaps(null)).filteredOn(gap -> gap.get(0).equals(GAPPY))
                .containsExactly(List.of(GAPPY, sensors.ts(9), sensors.ts(20), 660.0, 10L));
    }

    @Test
    void reportsTheWholeWindowAsOneGapOfARegisteredSensorWithoutReadings() throws SQLException {
        assertThat(gaps(null)).filteredOn(gap -> gap.get(0).equals(SILENT)).singleElement().satisfies(gap -> {
            assertThat(gap.get(1)).isEqualTo(sensors.from());
            assertEndsWhenReadingsCanHaveArrived((Instant) gap.get(2));
            assertThat((Long) gap.get(4)).isEqualTo(55L);
        });
    }

    @Test
    void reportsTheSilenceAfterTheLastReadingAsAGapUntilWhatCanHaveArrived() throws SQLException {
        assertThat(gaps(null)).filteredOn(gap -> gap.get(0).equals(LATE)).singleElement().satisfies(gap -> {
            assertThat(gap.get(1)).isEqualTo(sensors.ts(49));
            assertEndsWhenReadingsCanHaveArrived((Instant) gap.get(2));
            assertThat((Long) gap.get(4)).isEqualTo(5L);
        });
    }

    @Test
    void reportsOnlyGapsLongerThanAnOverridingMinimum() throws SQLException {
        assertThat(gaps(null)).extracting(gap -> (String) gap.get(0))
                .contains(GAPPY, LATE, SILENT).doesNotContain(HEALTHY);
        assertThat(gaps("15 minutes")).extracting(gap -> (String) gap.get(0))
                .contains(SILENT).doesNotContain(GAPPY, LATE);
    }

    @Test
    void judgesAWindowReachingIntoTheFutureOnlyUpToWhatCanHaveArrived() throws SQLException {
        Instant tomorrow = sensors.to().plus(Duration.ofDays(1));
        List<List<?>> expected = query("SELECT expected FROM sensor_completeness(" + WINDOW + ") WHERE sensor_id = ?",
                sensors.from(), tomorrow, HEALTHY);
        List<List<?>> trailingGap = query("SELECT gap_end FROM sensor_gaps(" + WINDOW + ") WHERE sensor_id = ?",
                sensors.from(), tomorrow, LATE);

        assertThat((Long) expected.get(0).get(0)).isBetween(55L, 56L);
        assertEndsWhenReadingsCanHaveArrived((Instant) trailingGap.get(0).get(0));
    }

    /** A trailing gap ends late_after before the database's now(), a little after the fixture's end. */
    private void assertEndsWhenReadingsCanHaveArrived(Instant gapEnd) {
        assertThat(gapEnd).isAfterOrEqualTo(sensors.to().minus(LATE_AFTER))
                .isBefore(sensors.to().minus(LATE_AFTER).plusSeconds(60));
    }

    @Test
    void ratesStalenessByEachSensorsOwnThresholds() throws SQLException {
        Map<String, List<?>> staleness = bySensor(query(
                "SELECT sensor_id, status, last_ts FROM sensor_staleness WHERE sensor_id LIKE 'q-%'"));

        assertThat(staleness).contains(
                entry(HEALTHY, List.of("ok", sensors.ts(59))),
                entry(LATE, List.of("late", sensors.ts(49))),
                entry(SILENT, Arrays.asList("silent", null)));
    }

    @Test
    void countsQualitiesDuplicatesRedeliveriesAndRejectionsInTheWindow() throws SQLException {
        Map<String, List<?>> quality = bySensor(inWindow("""
                SELECT sensor_id, readings, valid, out_of_range, unknown_sensor, out_of_range_share, duplicates,
                       redeliveries, rejected
                FROM sensor_reading_quality(%s)""".formatted(WINDOW)));

        assertThat(quality).contains(
                entry(DIRTY, List.of(60L, 59L, 1L, 0L, 0.0167, 2L, 1L, 2L)),
                entry(HEALTHY, List.of(60L, 60L, 0L, 0L, 0.0, 0L, 0L, 0L)),
                entry(SILENT, Arrays.asList(0L, 0L, 0L, 0L, null, 0L, 0L, 0L)),
                entry(UNREGISTERED, List.of(3L, 0L, 0L, 3L, 0.0, 0L, 0L, 0L)));
    }

    @Test
    void countsRejectionsPerSensorAndReasonByWhenTheyWereReceived() throws SQLException {
        assertThat(inWindow("SELECT * FROM sensor_rejections(" + WINDOW + ")")).containsExactly(List.of(
                DIRTY, "wrong_type", 2L,
                sensors.to().minus(Duration.ofMinutes(20)), sensors.to().minus(Duration.ofMinutes(10)),
                "'value' must be a number, got an array"));
    }

    @Test
    void countsLateArrivalsAndReadingsStampedAheadOfTheirReceipt() throws SQLException {
        Map<String, List<?>> timing = bySensor(timing("interval '1 minute'", "interval '2 seconds'"));

        assertThat(timing).contains(
                entry(SKEWED, List.of(60L, 3L, 120.0, 1L, 10.0, 0.2)),
                entry(HEALTHY, Arrays.asList(60L, 0L, 0.2, 0L, null, 0.2)));
    }

    @Test
    void countsLateArrivalsAndClockLeadsOnlyBeyondOverridingTolerances() throws SQLException {
        Map<String, List<?>> timing = bySensor(timing("interval '3 minutes'", "interval '15 seconds'"));

        assertThat(timing.get(SKEWED)).isEqualTo(Arrays.asList(60L, 0L, 120.0, 0L, null, 0.2));
    }

    @Test
    void findsARunOfIdenticalValuesWithItsStartEndAndValue() throws SQLException {
        assertThat(flatlines(null)).containsExactly(List.of(FLAT, sensors.ts(20), sensors.ts(35), 900.0, 50.5, 16L));
        assertThat(flatlines("interval '20 minutes'")).isEmpty();
    }

    @Test
    void tellsASpikeAndTheWayBackFromAStep() throws SQLException {
        assertThat(jumps(null)).containsExactly(
                List.of(JUMPY, sensors.ts(30), 51.0, 90.0, "spike"),
                List.of(JUMPY, sensors.ts(31), 90.0, 51.0, "return"),
                List.of(JUMPY, sensors.ts(45), 50.0, 71.0, "step"));
    }

    @Test
    void judgesEverySensorByAnOverridingMaximumStepInsteadOfItsOwn() throws SQLException {
        assertThat(jumps(30.0)).extracting(jump -> List.of(jump.get(0), jump.get(4))).containsExactly(
                List.of(DIRTY, "spike"), List.of(DIRTY, "return"), List.of(JUMPY, "spike"), List.of(JUMPY, "return"));
    }

    @Test
    void namesEveryFaultOfEachSensorInTheTrustSummaryAndNoneOfTheHealthyOne() throws SQLException {
        assertThat(problems(0.95)).containsOnly(
                entry(HEALTHY, List.of()),
                entry(GAPPY, List.of("incomplete", "gaps")),
                entry(SILENT, List.of("incomplete", "gaps", "silent")),
                entry(LATE, List.of("incomplete", "gaps", "late")),
                entry(FLAT, List.of("flatline")),
                entry(JUMPY, List.of("jumps")),
                entry(SKEWED, List.of("late_arrivals", "clock_ahead")),
                entry(DIRTY, List.of("out_of_range", "duplicates", "rejected")));
    }

    @Test
    void callsASensorIncompleteOnlyBelowAnOverridingCompleteness() throws SQLException {
        assertThat(problems(0.8)).contains(entry(GAPPY, List.of("gaps")), entry(LATE, List.of("gaps", "late")));
    }

    @Test
    void summarisesEachIndicatorWithTheFiguresItFound() throws SQLException {
        Map<String, List<?>> summary = bySensor(inWindow("""
                SELECT sensor_id, completeness, gaps, extract(epoch FROM longest_gap)::float8, staleness_status,
                       duplicates, rejected, late_arrivals, ahead_of_receipt, flatlines, jumps
                FROM sensor_quality(%s)""".formatted(WINDOW)));

        assertThat(summary).contains(
                entry(HEALTHY, Arrays.asList(1.0, 0L, null, "ok", 0L, 0L, 0L, 0L, 0L, 0L)),
                entry(GAPPY, List.of(0.8182, 1L, 660.0, "ok", 0L, 0L, 0L, 0L, 0L, 0L)),
                entry(JUMPY, Arrays.asList(1.0, 0L, null, "ok", 0L, 0L, 0L, 0L, 0L, 2L)))
                .doesNotContainKey(UNREGISTERED);
    }

    @Test
    void showsHowManyReadingsEachMinuteShouldHoldForRegisteredSensorsOnly() throws SQLException {
        List<List<?>> minutes = query("""
                SELECT sensor_id, count(*), min(expected), max(expected), min(completeness), max(completeness)
                FROM measurements_1min_quality
                WHERE sensor_id IN (?, ?)
                GROUP BY sensor_id ORDER BY sensor_id""", GAPPY, UNREGISTERED);

        assertThat(minutes).containsExactly(
                List.of(GAPPY, 50L, 1.0, 1.0, 1.0, 1.0),
                Arrays.asList(UNREGISTERED, 3L, null, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sensor_completeness", "sensor_gaps", "sensor_reading_quality", "sensor_rejections",
            "sensor_timing", "sensor_flatlines", "sensor_jumps", "sensor_quality" })
    void rejectsAWindowThatDoesNotEndAfterItStarts(String function) {
        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> query("SELECT * FROM " + function + "(" + WINDOW + ")", sensors.to(), sensors.to()))
                .satisfies(ex -> assertThat(ex.getSQLState()).isEqualTo("22023"))
                .withMessageContaining("from_ts must be before to_ts");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sensor_gaps(%s, interval '0')               | min_gap
            sensor_flatlines(%s, interval '-1 minute')  | min_duration
            sensor_jumps(%s, 0)                         | max_step
            sensor_timing(%s, interval '-1 second')     | late_after
            sensor_quality(%s, 1.5)                     | min_completeness
            """)
    void rejectsAThresholdOverrideThatCannotBeMet(String call, String argument) {
        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> inWindow("SELECT * FROM " + call.formatted(WINDOW)))
                .withMessageContaining(argument + " must be");
    }

    @Test
    void letsAnalystsCallEveryIndicatorAsBiReader() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL ROLE bi_reader");
            assertThat(problems(0.95)).containsKey(DIRTY);
            assertThat(query("SELECT count(*) FROM measurements_1min_quality")).isNotEmpty();
        }
        finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static List<List<?>> gaps(String minGap) throws SQLException {
        return inWindow("""
                SELECT sensor_id, gap_start, gap_end, extract(epoch FROM gap_length)::float8, missing_readings
                FROM sensor_gaps(%s, ?::interval) ORDER BY sensor_id, gap_start""".formatted(WINDOW), minGap);
    }

    private static List<List<?>> timing(String lateAfter, String skewTolerance) throws SQLException {
        return inWindow("""
                SELECT sensor_id, readings, late_arrivals, extract(epoch FROM max_delay)::float8, ahead_of_receipt,
                       extract(epoch FROM max_ahead)::float8, extract(epoch FROM median_delay)::float8
                FROM sensor_timing(%s, %s, %s)""".formatted(WINDOW, lateAfter, skewTolerance));
    }

    private static List<List<?>> flatlines(String minDuration) throws SQLException {
        return inWindow("""
                SELECT sensor_id, start_ts, end_ts, extract(epoch FROM duration)::float8, value, readings
                FROM sensor_flatlines(%s, %s) WHERE sensor_id LIKE 'q-%%'""".formatted(WINDOW, minDuration));
    }

    private static List<List<?>> jumps(Double maxStep) throws SQLException {
        return inWindow("""
                SELECT sensor_id, ts, previous_value, value, kind
                FROM sensor_jumps(%s, ?::float8) WHERE sensor_id LIKE 'q-%%'""".formatted(WINDOW), maxStep);
    }

    /** problems per test sensor; the sensors the migrations register have no readings here. */
    private static Map<String, Object> problems(double minCompleteness) throws SQLException {
        return inWindow("SELECT sensor_id, problems FROM sensor_quality(" + WINDOW + ", ?) WHERE sensor_id LIKE 'q-%'",
                minCompleteness).stream().collect(Collectors.toMap(row -> (String) row.get(0), row -> row.get(1)));
    }

    /** Rows keyed by their first column, the sensor id. */
    private static Map<String, List<?>> bySensor(List<List<?>> rows) {
        Map<String, List<?>> bySensor = new LinkedHashMap<>();
        rows.forEach(row -> bySensor.put((String) row.get(0), row.subList(1, row.size())));
        return bySensor;
    }

    /** Runs a query whose first two parameters are from_ts and to_ts of the test window. */
    private static List<List<?>> inWindow(String sql, Object... parameters) throws SQLException {
        Object[] all = new Object[parameters.length + 2];
        all[0] = sensors.from();
        all[1] = sensors.to();
        System.arraycopy(parameters, 0, all, 2, parameters.length);
        return query(sql, all);
    }

    /** Timestamps come back as Instants, arrays as lists, so that rows compare with plain values. */
    private static List<List<?>> query(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                statement.setObject(i + 1, parameter instanceof Instant instant
                        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameter);
            }
            List<List<?>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(plain(result.getObject(c)));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Array array) {
            return List.of((Object[]) array.getArray());
        }
        return value;
    }

    private static Instant databaseNow() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT clock_timestamp()")) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}

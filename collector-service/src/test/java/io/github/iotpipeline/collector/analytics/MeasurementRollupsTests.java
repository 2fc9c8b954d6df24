package io.github.iotpipeline.collector.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The minute, hour and day rollups and sensor_activity, kept by a trigger on measurements, against a
 * recomputation from measurements after every kind of arrival the collector produces: in order, late into
 * buckets already rolled up, repeated (ignored by ON CONFLICT), out of order, and from two writers at once.
 */
class MeasurementRollupsTests {

    private static final Instant START = Instant.parse("2026-11-25T22:30:00Z");
    private static final String[] SENSORS = { "sensor-1", "sensor-2", "sensor-77" };

    private static TestDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.create("rollups");
        Migrations.apply(database);
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("truncate measurements, measurements_1min, measurements_1hour, measurements_1day,"
                    + " sensor_activity");
        }
    }

    @Test
    void equalARecomputationAfterInOrderLateRepeatedAndOutOfOrderArrivals() throws SQLException {
        Random random = new Random(7);
        // Three hours across a UTC midnight, so minute, hour and day buckets all split.
        List<Row> readings = readings(random, 3 * 3600, 2);
        List<Row> early = readings.subList(0, readings.size() / 2);
        List<Row> rest = new ArrayList<>(readings.subList(readings.size() / 2, readings.size()));

        try (Connection connection = database.connect()) {
            // In order, skipping every fifth reading: those arrive late, into buckets rolled up already.
            List<Row> late = new ArrayList<>();
            List<Row> onTime = new ArrayList<>();
            for (int i = 0; i < early.size(); i++) {
                (i % 5 == 0 ? late : onTime).add(early.get(i));
            }
            insertInBatches(connection, onTime, 100);
            assertThat(RollupRecomputation.differencesFromMeasurements(connection)).as("in order").isEmpty();

            insertInBatches(connection, late, 37);
            assertThat(RollupRecomputation.differencesFromMeasurements(connection)).as("late").isEmpty();

            // Repeats with another value and receipt time: the stored reading and its rollups must not move.
            List<Row> repeats = early.stream().filter(row -> random.nextInt(10) == 0)
                    .map(row -> new Row(row.sensorId, row.ts, row.value + 1000, "out_of_range",
                            row.receivedAt.plusSeconds(60)))
                    .toList();
            insertInBatches(connection, repeats, 100);
            assertThat(RollupRecomputation.differencesFromMeasurements(connection)).as("repeated").isEmpty();

            Collections.shuffle(rest, random);
            insertInBatches(connection, rest, 128);
            assertThat(RollupRecomputation.differencesFromMeasurements(connection)).as("out of order").isEmpty();
            assertThat(RollupRecomputation.differencesFromFinerRollups(connection)).isEmpty();
            assertThat(count(connection, "select sum(reading_count) from measurements_1day"))
                    .isEqualTo(readings.size());
        }
    }

    @Test
    void stayExactWhenTwoWritersInsertIntoTheSameBucketsAtOnce() throws Exception {
        List<Row> readings = readings(new Random(11), 20 * 60, 4);
        List<Row> shuffled = new ArrayList<>(readings);
        Collections.shuffle(shuffled, new Random(3));
        List<Row> first = shuffled.subList(0, shuffled.size() / 2);
        List<Row> second = shuffled.subList(shuffled.size() / 2, shuffled.size());

        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<?> one = writers.submit(() -> insertOnOwnConnection(first));
            Future<?> two = writers.submit(() -> insertOnOwnConnection(second));
            one.get();
            two.get();
        }
        finally {
            writers.shutdownNow();
        }

        try (Connection connection = database.connect()) {
            assertThat(RollupRecomputation.differencesFromMeasurements(connection)).isEmpty();
            assertThat(count(connection, "select sum(reading_count) from measurements_1min"))
                    .isEqualTo(readings.size());
        }
    }

    @Test
    void averageDoesNotDependOnTheOrderValuesArrivedIn() throws SQLException {
        // 0.1 + 0.2 + 0.3 in double precision depends on the order of the additions; the numeric sum does not.
        Instant ts = START.truncatedTo(ChronoUnit.MINUTES);
        try (Connection connection = database.connect()) {
            insert(connection, List.of(row("sensor-1", ts.plusSeconds(3), 0.3)));
            insert(connection, List.of(row("sensor-1", ts.plusSeconds(1), 0.1),
                    row("sensor-1", ts.plusSeconds(2), 0.2)));
            insert(connection, List.of(row("sensor-2", ts.plusSeconds(1), 0.1)));
            insert(connection, List.of(row("sensor-2", ts.plusSeconds(2), 0.2),
                    row("sensor-2", ts.plusSeconds(3), 0.3)));

            assertThat(doubles(connection, "select avg_value from measurements_1min order by sensor_id"))
                    .containsExactly(0.2, 0.2);
            assertThat(doubles(connection, "select first_value from measurements_1min order by sensor_id"))
                    .containsExactly(0.1, 0.1);
            assertThat(doubles(connection, "select last_value from measurements_1min order by sensor_id"))
                    .containsExactly(0.3, 0.3);
        }
    }

    @Test
    void expiringOldMeasurementsLeavesTheRollupsAsTheyWere() throws SQLException {
        try (Connection connection = database.connect()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<Row> old = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                old.add(row("sensor-1", now.minus(10, ChronoUnit.DAYS).plusSeconds(i), i));
            }
            insertInBatches(connection, old, 100);
            insert(connection, List.of(row("sensor-1", now.minusSeconds(30), 1.5)));
            List<String> before = rollupSnapshot(connection);

            // Small batches, to show a caller repeats until less than the limit comes back.
            List<Long> deletedPerCall = new ArrayList<>();
            long deleted;
            do {
                deleted = count(connection, "select expire_measurements(interval '7 days', 100)");
                deletedPerCall.add(deleted);
            }
            while (deleted == 100);

            assertThat(deletedPerCall).containsExactly(100L, 100L, 50L);
            assertThat(count(connection, "select count(*) from measurements")).isEqualTo(1);
            assertThat(rollupSnapshot(connection)).isEqualTo(before);
            assertThat(count(connection, "select sum(reading_count) from measurements_1day")).isEqualTo(251);
        }
    }

    @Test
    void refusesARetentionThatWouldDeleteEverything() throws SQLException {
        try (Connection connection = database.connect()) {
            assertThatThrownBy(() -> count(connection, "select expire_measurements(interval '0')"))
                    .hasMessageContaining("keep must be a positive interval");
        }
    }

    @Test
    void migrationRollsUpReadingsStoredBeforeTheRollupsExisted() throws SQLException {
        TestDatabase older = TestDatabase.create("rollups_backfill");
        try {
            Migrations.applyUpTo(older, "8");
            try (Connection connection = older.connect()) {
                insertInBatches(connection, readings(new Random(5), 2 * 3600, 3), 100);
            }
            Migrations.apply(older);
            try (Connection connection = older.connect()) {
                assertThat(count(connection, "select count(*) from measurements_1min")).isPositive();
                assertThat(RollupRecomputation.differencesFromMeasurements(connection)).isEmpty();
                assertThat(RollupRecomputation.differencesFromFinerRollups(connection)).isEmpty();
            }
        }
        finally {
            older.close();
        }
    }

    /** Readings of every sensor over the given seconds from START, at random sub-second offsets. */
    private static List<Row> readings(Random random, int seconds, int perSecond) {
        List<Row> rows = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            for (String sensor : SENSORS) {
                for (int k = 0; k < perSecond; k++) {
                    Instant ts = START.plusSeconds(second).plusNanos((k * 1_000_000_000L / perSecond)
                            + random.nextInt(1000) * 1000L);
                    double value = Math.round(random.nextGaussian() * 1000) / 100.0;
                    String quality = sensor.equals("sensor-77") ? "unknown_sensor"
                            : random.nextInt(50) == 0 ? "out_of_range" : "valid";
                    rows.add(new Row(sensor, ts, value, quality, ts.plusMillis(random.nextInt(3000))));
                }
            }
        }
        return rows;
    }

    private static Row row(String sensorId, Instant ts, double value) {
        return new Row(sensorId, ts, value, "valid", ts.plusMillis(20));
    }

    private void insertOnOwnConnection(List<Row> rows) {
        try (Connection connection = database.connect()) {
            insertInBatches(connection, rows, 100);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void insertInBatches(Connection connection, List<Row> rows, int batchSize) throws SQLException {
        for (int from = 0; from < rows.size(); from += batchSize) {
            insert(connection, rows.subList(from, Math.min(rows.size(), from + batchSize)));
        }
    }

    /** One multi-row insert that ignores stored keys, as the collector's batches do. */
    private static void insert(Connection connection, List<Row> rows) throws SQLException {
        String sql = "insert into measurements (sensor_id, ts, value, quality, received_at)"
                + " select * from unnest(?::text[], ?::timestamptz[], ?::float8[], ?::text[], ?::timestamptz[])"
                + " on conflict (sensor_id, ts) do nothing";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", rows.stream().map(Row::sensorId).toArray()));
            statement.setArray(2, connection.createArrayOf("text",
                    rows.stream().map(row -> row.ts.toString()).toArray()));
            statement.setArray(3, connection.createArrayOf("float8", rows.stream().map(Row::value).toArray()));
            statement.setArray(4, connection.createArrayOf("text", rows.stream().map(Row::quality).toArray()));
            statement.setArray(5, connection.createArrayOf("text",
                    rows.stream().map(row -> row.receivedAt.toString()).toArray()));
            statement.executeUpdate();
        }
    }

    private static List<String> rollupSnapshot(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("measurements_1min", "measurements_1hour", "measurements_1day",
                "sensor_activity")) {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select t::text from " + table + " t order by 1")) {
                while (result.next()) {
                    rows.add(table + " " + result.getString(1));
                }
            }
        }
        return rows;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<Double> doubles(Connection connection, String sql) throws SQLException {
        List<Double> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getDouble(1));
            }
        }
        return values;
    }

    private record Row(String sensorId, Instant ts, double value, String quality, Instant receivedAt) {
    }
}

package io.github.iotpipeline.collector.security;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.github.iotpipeline.testsupport.ProjectRoot;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group roles of {@code V6__create_roles.sql}, used the way the deployment uses them: through login
 * roles of the test's own that are members of {@code iot_collector} and {@code bi_reader}. Two databases
 * are migrated on the same server, so the second finds the cluster-wide roles already there. Every refusal
 * must be {@code insufficient_privilege} (42501), not some other error that would pass for one.
 */
class DatabaseRolesTests {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static final String INSERT_READING = """
            INSERT INTO measurements (sensor_id, ts, value, unit, quality, seq, received_at)
            VALUES ('sensor-1', '2026-03-01T12:00:00Z', 21.5, '°C', 'valid', 1, now())
            ON CONFLICT (sensor_id, ts) DO NOTHING""";

    private static final String INSERT_REJECTED = """
            INSERT INTO rejected_messages (id, received_at, topic, reason, detail, payload)
            VALUES (nextval('rejected_messages_id_seq'), now(), 'sensors/x/readings', 'malformed_json',
                    'malformed_json: not JSON', '\\x7b'::bytea)""";

    private static TestDatabase database;
    private static TestDatabase secondDatabase;
    private static Login collector;
    private static Login analyst;

    @BeforeAll
    static void migrateTwoDatabasesOnOneServer() throws SQLException {
        Path migrations = ProjectRoot.resolve("db/migration");
        database = TestDatabase.create("roles");
        secondDatabase = TestDatabase.create("roles");
        migrate(database, migrations);
        migrate(secondDatabase, migrations);
        collector = Login.memberOf("iot_collector", database);
        analyst = Login.memberOf("bi_reader", database);
    }

    @AfterAll
    static void dropLoginsAndDatabases() throws SQLException {
        for (Login login : new Login[] { collector, analyst }) {
            if (login != null) {
                login.drop(database);
            }
        }
        for (TestDatabase each : new TestDatabase[] { database, secondDatabase }) {
            if (each != null) {
                each.close();
            }
        }
    }

    @ParameterizedTest(name = "bi_reader reads {0}")
    @ValueSource(strings = { "sensors", "measurements", "rejected_messages", "latest_readings", "hourly_aggregates",
            "measurements_1min", "measurements_1hour", "measurements_1day", "sensor_activity", "duplicate_readings",
            "sensor_staleness", "measurements_1min_quality",
            "sensor_quality(now() - interval '1 day', now())",
            "resample(NULL, now() - interval '1 hour', now(), interval '5 minutes', 'linear')" })
    void analystReadsEveryTableAndView(String relation) throws SQLException {
        try (Connection connection = analyst.connect(database)) {
            assertThat(count(connection, "SELECT count(*) FROM " + relation)).isGreaterThanOrEqualTo(0);
        }
    }

    @ParameterizedTest(name = "bi_reader may not: {0}")
    @ValueSource(strings = {
            "INSERT INTO sensors (id, name, type, unit, min_value, max_value) VALUES ('s', 'n', 't', 'u', 0, 1)",
            "UPDATE sensors SET name = 'renamed'",
            "DELETE FROM sensors",
            INSERT_READING,
            "UPDATE measurements SET value = 0",
            "DELETE FROM measurements",
            "TRUNCATE measurements",
            "UPDATE rejected_messages SET detail = ''",
            "DELETE FROM rejected_messages",
            "TRUNCATE rejected_messages",
            "SELECT nextval('rejected_messages_id_seq')",
            "CREATE TABLE scratch (id int)",
            "CREATE VIEW scratch AS SELECT 1 AS one",
            "DROP VIEW latest_readings",
            "UPDATE measurements_1min SET reading_count = 0",
            "DELETE FROM measurements_1day",
            "SELECT expire_measurements(interval '1 day')",
            "SELECT * FROM flyway_schema_history" })
    void analystChangesNothingAndCannotSeeTheMigrationHistory(String sql) throws SQLException {
        try (Connection connection = analyst.connect(database)) {
            assertRefused(connection, sql);
        }
    }

    @Test
    void collectorReadsSensorsAndAppendsReadingsAndDeadLetters() throws SQLException {
        try (Connection connection = collector.connect(database)) {
            assertThat(count(connection, "SELECT count(*) FROM sensors")).isPositive();
            execute(connection, INSERT_READING);
            execute(connection, INSERT_READING);
            execute(connection, INSERT_REJECTED);
            assertThat(count(connection, "SELECT count(*) FROM measurements WHERE sensor_id = 'sensor-1'"))
                    .isEqualTo(1);
            assertThat(count(connection, "SELECT count(*) FROM rejected_messages")).isEqualTo(1);
            // Its insert rolls up through the trigger, which runs as the owner of the rollups.
            assertThat(count(connection,
                    "SELECT sum(reading_count) FROM measurements_1min WHERE sensor_id = 'sensor-1'")).isEqualTo(1);
            // The monitor's reads and the retention job's function.
            assertThat(count(connection, "SELECT count(*) FROM sensor_staleness")).isPositive();
            assertThat(count(connection, "SELECT expire_measurements(interval '3650 days')")).isZero();
            // Hibernate's schema validation looks the pooled sequence up here; only sequences one may use appear.
            assertThat(count(connection, "SELECT count(*) FROM information_schema.sequences"
                    + " WHERE sequence_name = 'rejected_messages_id_seq'")).isEqualTo(1);
        }
    }

    @Test
    void collectorMarksADeadLetterRedrivenOnceAndChangesNothingElseOfIt() throws SQLException {
        try (Connection connection = collector.connect(database)) {
            execute(connection, INSERT_REJECTED.replace("'malformed_json'", "'topic_mismatch'"));
            String mark = "UPDATE rejected_messages SET redriven_at = now() WHERE reason = 'topic_mismatch'";
            execute(connection, mark);
            assertThat(count(connection, "SELECT count(*) FROM rejected_messages"
                    + " WHERE reason = 'topic_mismatch' AND redriven_at IS NOT NULL")).isEqualTo(1);
            // Once marked, the mark is neither moved nor taken back.
            assertThatThrownBy(() -> execute(connection, mark)).hasMessageContaining("was redriven at");
            assertThatThrownBy(() -> execute(connection, "UPDATE rejected_messages SET redriven_at = NULL"
                    + " WHERE reason = 'topic_mismatch'")).hasMessageContaining("was redriven at");
            assertRefused(connection, "UPDATE rejected_messages SET reason = 'other', redriven_at = now()");
        }
        // Other tests count the dead letters.
        try (Connection owner = database.connect()) {
            execute(owner, "DELETE FROM rejected_messages WHERE reason = 'topic_mismatch'");
        }
    }

    @ParameterizedTest(name = "iot_collector may not: {0}")
    @ValueSource(strings = {
            "UPDATE measurements SET value = 0",
            "DELETE FROM measurements",
            "TRUNCATE measurements",
            "UPDATE rejected_messages SET detail = ''",
            "DELETE FROM rejected_messages",
            "INSERT INTO sensors (id, name, type, unit, min_value, max_value) VALUES ('s', 'n', 't', 'u', 0, 1)",
            "UPDATE sensors SET max_value = 1000000",
            "DELETE FROM sensors",
            "DROP TABLE measurements",
            "ALTER TABLE measurements ADD COLUMN note text",
            "ALTER TABLE sensors DROP CONSTRAINT sensors_range_ordered",
            "CREATE TABLE scratch (id int)",
            "SELECT setval('rejected_messages_id_seq', 1)",
            "SELECT * FROM latest_readings",
            "UPDATE measurements_1min SET reading_count = 0",
            "DELETE FROM measurements_1hour",
            "DELETE FROM sensor_activity",
            "UPDATE duplicate_readings SET redelivered = true",
            "SELECT * FROM flyway_schema_history" })
    void collectorChangesNoStoredRowAndNoSchema(String sql) throws SQLException {
        try (Connection connection = collector.connect(database)) {
            assertRefused(connection, sql);
        }
    }

    @Test
    void tablesOfLaterMigrationsAreReadableByAnalystsButNotByTheCollector() throws SQLException {
        try (Connection owner = database.connect()) {
            execute(owner, "CREATE TABLE later_migration_table (id int)");
        }
        try (Connection connection = analyst.connect(database)) {
            assertThat(count(connection, "SELECT count(*) FROM later_migration_table")).isZero();
        }
        try (Connection connection = collector.connect(database)) {
            assertRefused(connection, "SELECT count(*) FROM later_migration_table");
        }
    }

    @Test
    void grantsHoldInEveryDatabaseMigratedOnTheServer() throws SQLException {
        try (Connection connection = collector.connect(secondDatabase)) {
            assertThatCode(() -> execute(connection, INSERT_READING)).doesNotThrowAnyException();
            assertRefused(connection, "DELETE FROM measurements");
        }
        try (Connection connection = analyst.connect(secondDatabase)) {
            assertThat(count(connection, "SELECT count(*) FROM measurements")).isEqualTo(1);
            assertRefused(connection, "DELETE FROM measurements");
        }
    }

    private static void assertRefused(Connection connection, String sql) {
        assertThatThrownBy(() -> execute(connection, sql))
                .as(sql)
                .isInstanceOfSatisfying(SQLException.class, ex ->
                        assertThat(ex.getSQLState()).as("SQLState of '%s': %s", sql, ex.getMessage())
                                .isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void migrate(TestDatabase target, Path migrations) {
        Flyway.configure()
                .dataSource(target.jdbcUrl(), target.username(), target.password())
                .locations("filesystem:" + migrations)
                .load()
                .migrate();
    }

    /**
     * A login role of the test's own, member of one group role, as the compose users {@code collector} and
     * {@code bi_reader} are. It is cluster-wide, so it gets a unique name and is dropped afterwards.
     */
    private record Login(String name, String password) {

        static Login memberOf(String group, TestDatabase admin) throws SQLException {
            Login login = new Login(("roles_test_" + group + "_" + UUID.randomUUID().toString().substring(0, 8))
                    .toLowerCase(Locale.ROOT).replace('-', '_'), UUID.randomUUID().toString());
            try (Connection connection = admin.connect()) {
                execute(connection, "CREATE ROLE " + login.name + " LOGIN PASSWORD '" + login.password
                        + "' IN ROLE " + group);
            }
            return login;
        }

        Connection connect(TestDatabase target) throws SQLException {
            return DriverManager.getConnection(target.jdbcUrl(), name, password);
        }

        void drop(TestDatabase admin) throws SQLException {
            try (Connection connection = admin.connect()) {
                execute(connection, "DROP ROLE IF EXISTS " + name);
            }
        }
    }
}

package io.github.iotpipeline.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.iotpipeline.embedded.EmbeddedDatabase;
import io.github.iotpipeline.embedded.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL that tests and the local stack use. */
class EmbeddedDatabaseTests {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsCommittedRowsAcrossARestartOfAPersistentServer() throws Exception {
        int port = LoopbackPorts.free();
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(dataDirectory, port)) {
            superuser(database, "CREATE TABLE kept (value int)", "INSERT INTO kept VALUES (42)");
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(dataDirectory, port);
             Connection connection = DriverManager.getConnection(database.jdbcUrl("postgres"), "postgres", "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT value FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void asksEveryUserButThePostgresSuperuserForItsPassword() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(dataDirectory, LoopbackPorts.free())) {
            superuser(database, "CREATE ROLE reader LOGIN PASSWORD 'secret'");
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl("postgres"), "reader",
                    "secret")) {
                assertThat(connection.isValid(1)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl("postgres"), "reader", "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void startsADisposableServerForTests() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startDisposable();
             Connection connection = DriverManager.getConnection(database.jdbcUrl("postgres"), "postgres", "");
             ResultSet version = connection.createStatement().executeQuery("SHOW server_version_num")) {
            assertThat(version.next()).isTrue();
            assertThat(version.getInt(1)).isGreaterThanOrEqualTo(170000);
        }
    }

    private static void superuser(EmbeddedDatabase database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl("postgres"), "postgres", "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}

package io.github.iotpipeline.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.iotpipeline.embedded.EmbeddedDatabase;
import io.github.iotpipeline.localstack.LocalStackSettings.Passwords;
import org.jspecify.annotations.Nullable;

/**
 * The local stack's PostgreSQL, prepared as the compose stack prepares its own: a database {@code iot} owned
 * by {@code iot}, which runs the collector's migrations, and the logins {@code collector} (member of
 * {@code iot_collector}) and {@code bi_reader} (read-only once the migrations have granted it). The rights on
 * tables come from the migrations, as in compose ({@code postgres/initdb/10-create-login-roles.sh}).
 */
final class LocalDatabase {

    private LocalDatabase() {
    }

    /** Starts the server on its data directory and makes sure the database and logins exist. */
    static EmbeddedDatabase start(Path dataDirectory, int port, Passwords passwords) {
        EmbeddedDatabase server;
        try {
            server = EmbeddedDatabase.startPersistent(dataDirectory, port);
        }
        catch (IllegalStateException ex) {
            if (String.valueOf(ex.getMessage()).contains("could not lock")) {
                throw new StartupFailure("Another local stack is running on " + dataDirectory
                        + ": stop it first (or set LOCAL_STACK_DATA_DIR to another directory)", ex);
            }
            throw ex;
        }
        try {
            prepare(server, passwords);
            return server;
        }
        catch (RuntimeException ex) {
            server.close();
            throw ex;
        }
    }

    private static void prepare(EmbeddedDatabase server, Passwords passwords) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "")) {
            ensureRole(connection, LocalStackSettings.OWNER, "LOGIN CREATEROLE", passwords.owner());
            ensureRole(connection, "iot_collector", "NOLOGIN", null);
            ensureRole(connection, "collector", "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE", passwords.collector());
            ensureRole(connection, "bi_reader", "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE", passwords.biReader());
            try (Statement statement = connection.createStatement()) {
                statement.execute("GRANT iot_collector TO collector");
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", LocalStackSettings.DATABASE)) {
                    statement.execute("CREATE DATABASE " + LocalStackSettings.DATABASE + " OWNER "
                            + LocalStackSettings.OWNER);
                }
            }
        }
        catch (SQLException ex) {
            throw new StartupFailure("Could not prepare the database: " + ex.getMessage(), ex);
        }
    }

    /** Creates the role if it is missing, and sets its attributes and password (none when null) at every start. */
    private static void ensureRole(Connection connection, String role, String attributes, @Nullable String password)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                statement.execute("CREATE ROLE " + role);
            }
            String passwordClause = password == null ? "" : " PASSWORD " + literal(connection, password);
            statement.execute("ALTER ROLE " + role + " WITH " + attributes + passwordClause);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A password as an SQL string literal, quoted by the server itself, so that any password is safe. */
    private static String literal(Connection connection, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT quote_literal(?)")) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}

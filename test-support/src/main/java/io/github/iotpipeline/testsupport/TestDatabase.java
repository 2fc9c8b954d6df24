package io.github.iotpipeline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.github.iotpipeline.embedded.EmbeddedDatabase;
import org.jspecify.annotations.Nullable;

/**
 * A fresh, empty PostgreSQL database for one test class, dropped again by {@link #close()}.
 * <p>
 * The server comes from {@code TEST_DATABASE_URL} (a JDBC URL of a database to connect to for
 * {@code CREATE DATABASE}, such as {@code jdbc:postgresql://127.0.0.1:5432/postgres}) with
 * {@code TEST_DATABASE_USERNAME} and {@code TEST_DATABASE_PASSWORD}; without it, from an embedded PostgreSQL 17
 * started once per JVM and stopped when the JVM exits (nothing to install: the binaries come with the build).
 */
public record TestDatabase(String jdbcUrl, String username, String password, String name, Admin admin)
        implements AutoCloseable {

    private static @Nullable Admin sharedAdmin;

    /** Creates a new database whose name starts with the given prefix. */
    public static TestDatabase create(String prefix) {
        Admin admin = server();
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        admin.execute("CREATE DATABASE " + name);
        return new TestDatabase(admin.urlOf(name), admin.username(), admin.password(), name, admin);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    @Override
    public void close() {
        admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static synchronized Admin server() {
        if (sharedAdmin == null) {
            String url = System.getenv("TEST_DATABASE_URL");
            if (url != null && !url.isBlank()) {
                sharedAdmin = new Admin(url, env("TEST_DATABASE_USERNAME", "postgres"),
                        env("TEST_DATABASE_PASSWORD", ""));
            }
            else {
                EmbeddedDatabase embedded = EmbeddedDatabase.startDisposable();
                Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
                sharedAdmin = new Admin(embedded.jdbcUrl("postgres"), "postgres", "");
            }
        }
        return sharedAdmin;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Connection details of the database used to create and drop the test databases. */
    public record Admin(String url, String username, String password) {

        String urlOf(String database) {
            int slash = url.indexOf('/', "jdbc:postgresql://".length());
            int query = url.indexOf('?', slash);
            return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(url, username, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            catch (SQLException ex) {
                throw new IllegalStateException("Could not run '" + sql + "' on " + url, ex);
            }
        }
    }
}

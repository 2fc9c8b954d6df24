package io.github.iotpipeline.collector.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of a test class's own, migrated to the newest version before its tests, with one connection,
 * and dropped after them: {@code @RegisterExtension static final MigratedDatabase DATABASE = ...}.
 */
final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private TestDatabase database;
    private Connection connection;

    MigratedDatabase(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        database = TestDatabase.create(name);
        Migrations.apply(database);
        connection = database.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    Connection connection() {
        return connection;
    }

    /** The query's rows on this database's connection, as {@link #rows(Connection, String)} gives them. */
    List<String> rows(String sql) throws SQLException {
        return rows(connection, sql);
    }

    void execute(String sql) throws SQLException {
        execute(connection, sql);
    }

    /** The query's rows, each its columns as text (null as "null") separated by single spaces. */
    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

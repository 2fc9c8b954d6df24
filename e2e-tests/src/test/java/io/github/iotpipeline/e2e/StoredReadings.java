package io.github.iotpipeline.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SortedSet;
import java.util.TreeSet;

import io.github.iotpipeline.testsupport.TestDatabase;

/** What {@code measurements} holds of a {@link SequencePublisher}'s readings, read directly, not through the proxy. */
final class StoredReadings {

    private final TestDatabase database;

    StoredReadings(TestDatabase database) {
        this.database = database;
    }

    SortedSet<Long> seqs() throws SQLException {
        SortedSet<Long> seqs = new TreeSet<>();
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select seq from measurements where seq is not null")) {
            while (result.next()) {
                seqs.add(result.getLong(1));
            }
        }
        return seqs;
    }

    long count() throws SQLException {
        return queryLong("select count(*) from measurements where seq is not null");
    }

    /** Rows beyond the first for any seq: zero when every reading is stored once. */
    long repeated() throws SQLException {
        return queryLong("select count(*) - count(distinct seq) from measurements where seq is not null");
    }

    /** Probe readings, which carry no seq. */
    long probes() throws SQLException {
        return queryLong("select count(*) from measurements where seq is null");
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}

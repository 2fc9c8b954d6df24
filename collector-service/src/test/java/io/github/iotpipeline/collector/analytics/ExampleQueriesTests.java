package io.github.iotpipeline.collector.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.iotpipeline.testsupport.ProjectRoot;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Runs every query of {@code example_queries.sql} against the real migrations and two days of generated
 * readings, so a query broken by a schema change, or one that finds nothing where the data plainly has
 * something, fails under its own comment. Queries run in read-only transactions that are rolled back.
 */
class ExampleQueriesTests {

    private static TestDatabase database;

    private static Connection connection;

    private static List<ExampleQuery> queries;

    @BeforeAll
    static void loadTwoDaysOfReadingsIntoAMigratedDatabase() throws Exception {
        queries = ExampleQueryFile.read(ProjectRoot.resolve("example_queries.sql"));
        database = TestDatabase.create("example_queries");
        Migrations.apply(database);
        connection = database.connect();
        Instant now = databaseNow();
        new SampleReadings(now).insertInto(connection);
        new SampleRejections(now).insertInto(connection);
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
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

    @Test
    void offersEnoughQueriesEachUnderItsOwnComment() {
        assertThat(queries).hasSizeGreaterThanOrEqualTo(18);
        assertThat(queries).extracting(ExampleQuery::comment)
                .allSatisfy(comment -> assertThat(comment).isNotBlank().doesNotContain("\n"))
                .doesNotHaveDuplicates();
    }

    @TestFactory
    Stream<DynamicTest> everyQueryReturnsRows() {
        return queries.stream().map(query -> dynamicTest(query.comment(), () ->
                assertThat(firstColumn(query)).as("rows of '%s' (line %d)", query.comment(), query.line())
                        .isNotEmpty()));
    }

    @ParameterizedTest(name = "[{0}] finds {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            have sent nothing for 15 minutes                      | sensor-5
            not registered sent readings                          | sensor-99
            out of range, with the sensor's limits                | sensor-1, sensor-2, sensor-4
            gaps of more than 10 minutes                          | sensor-3
            forward jumps in each sensor's seq                    | sensor-3
            Why were messages rejected in the last 24 hours       | invalid_utf8, malformed_json, \
            topic_mismatch, wrong_type
            3 standard deviations from their sensor's 7-day mean  | sensor-1, sensor-4
            """)
    void findsWhatTheGeneratedDataHides(String commentFragment, String expected) throws SQLException {
        List<ExampleQuery> matching = queries.stream().filter(query -> query.comment().contains(commentFragment))
                .toList();
        assertThat(matching).as("queries whose comment contains '%s'", commentFragment).hasSize(1);

        assertThat(firstColumn(matching.get(0))).as("first column of '%s'", matching.get(0).comment())
                .containsOnly(expected.split(", "));
    }

    /** The first column of every row; the transaction is rolled back whatever happens. */
    private static List<String> firstColumn(ExampleQuery query) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(60);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(query.sql())) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
        catch (SQLException ex) {
            throw new AssertionError("'" + query.comment() + "' (line " + query.line() + ") failed: "
                    + ex.getMessage(), ex);
        }
        finally {
            connection.rollback();
        }
    }

    private static Instant databaseNow() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT clock_timestamp()")) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}

package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotpipeline.testsupport.ProjectRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DuckDB queries of docs/ANALYSTS.md, run as written against a day the collector closed: analysts can
 * query the archive where it lies, and get what its manifest counts.
 */
class ArchiveInDuckDbTests {

    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    private static final String DOCUMENTED_FILE = "'data/raw/raw_20261126.jsonl.gz'";
    private static final Pattern SQL = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path raw;

    @Test
    void theDocumentedQueriesReadAClosedDayAsItsManifestCountsIt() throws Exception {
        DayManifest manifest = closeADay();
        List<String> queries = documentedQueries();
        assertThat(queries).hasSize(2);

        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            List<List<Object>> perSensor = rows(duckdb, queries.get(0));
            List<List<Object>> sensor2 = rows(duckdb, queries.get(1));

            assertThat(perSensor).containsExactly(List.of("sensor-1", 30L), List.of("sensor-2", 20L));
            assertThat(perSensor.stream().mapToLong(row -> (Long) row.get(1)).sum()).isEqualTo(manifest.lines());
            assertThat(sensor2).hasSize(20);
            assertThat(sensor2).extracting(row -> row.get(4)).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, 20).boxed().toList());
            assertThat(sensor2.get(0).get(2)).isEqualTo(21.5);
            assertThat(sensor2.get(0).get(3)).isEqualTo("°C");
        }
    }

    /** A day of 30 lines of sensor-1 (one of them a dead letter) and 20 readings of sensor-2, closed. */
    private DayManifest closeADay() throws IOException {
        Instant start = Instant.parse("2026-11-26T08:00:00Z");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 29; i++) {
            lines.append(ArchiveDays.readingOf("sensor-1", start.plusSeconds(i), i));
        }
        lines.append(ArchiveDays.refusal(start.plusSeconds(40)));
        for (int i = 0; i < 20; i++) {
            lines.append(ArchiveDays.readingOf("sensor-2", start.plusSeconds(i), i));
        }
        ArchiveFiles files = new ArchiveFiles(raw);
        Files.writeString(files.plain(DAY), lines);
        DayManifest manifest = new DayCloser(files, ArchiveDays.CONTRACT).close(DAY);
        assertThat(manifest.accepted()).isEqualTo(49);
        return manifest;
    }

    private List<String> documentedQueries() throws IOException {
        String page = Files.readString(ProjectRoot.resolve("docs/ANALYSTS.md"));
        String section = page.substring(page.indexOf("## The raw archive, queried where it lies"));
        String file = "'" + new ArchiveFiles(raw).compressed(DAY) + "'";
        List<String> queries = new ArrayList<>();
        Matcher sql = SQL.matcher(section);
        while (sql.find()) {
            assertThat(sql.group(1)).contains(DOCUMENTED_FILE);
            queries.add(sql.group(1).replace(DOCUMENTED_FILE, file));
        }
        return queries;
    }

    private static List<List<Object>> rows(Connection connection, String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

package io.github.iotpipeline.collector.replay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.iotpipeline.collector.CollectorApplication;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The replay command run in the test's JVM, as its command line runs it, and the rows tests compare after it. */
final class ReplayRuns {

    private ReplayRuns() {
    }

    /**
     * Runs {@code replay} with the arguments against the database, reading the archive in {@code raw}; returns
     * the command's exit code.
     */
    static int replay(TestDatabase database, Path raw, List<String> arguments) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(arguments);
        all.addAll(List.of("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(), "--collector.raw.directory=" + raw));
        return SpringApplication.exit(CollectorApplication.command("replay").run(all.toArray(String[]::new)));
    }

    /** The query's rows, each a list of its values; byte arrays as UTF-8 text. */
    static List<List<Object>> rows(TestDatabase database, String query) {
        SingleConnectionDataSource source = new SingleConnectionDataSource(database.jdbcUrl(), database.username(),
                database.password(), true);
        try {
            return new JdbcTemplate(source).query(query, (row, number) -> {
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    Object value = row.getObject(i);
                    values.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
                }
                return values;
            });
        }
        finally {
            source.destroy();
        }
    }
}

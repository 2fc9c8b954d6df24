package io.github.iotpipeline.collector;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.iotpipeline.testsupport.TestDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A command of the collector run in the test's JVM as its command line runs it, and the rows tests compare. */
public final class CommandRuns {

    private CommandRuns() {
    }

    /**
     * Runs the command ({@code replay}, {@code redrive}) with the arguments against the database, with the raw
     * archive in {@code raw}; returns the command's exit code.
     */
    public static int run(String command, TestDatabase database, Path raw, List<String> arguments) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(arguments);
        all.addAll(List.of("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(), "--collector.raw.directory=" + raw));
        return SpringApplication.exit(CollectorApplication.command(command).run(all.toArray(String[]::new)));
    }

    /** The query's rows, each a list of its values; byte arrays as UTF-8 text. */
    public static List<List<Object>> rows(TestDatabase database, String query) {
        return jdbc(database, template -> template.query(query, (row, number) -> {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                Object value = row.getObject(i);
                values.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
            }
            return values;
        }));
    }

    /** Runs a statement with its arguments, as the database's owner. */
    public static void update(TestDatabase database, String sql, Object... arguments) {
        jdbc(database, template -> template.update(sql, arguments));
    }

    private static <T> T jdbc(TestDatabase database, Function<JdbcTemplate, T> work) {
        SingleConnectionDataSource source = new SingleConnectionDataSource(database.jdbcUrl(), database.username(),
                database.password(), true);
        try {
            return work.apply(new JdbcTemplate(source));
        }
        finally {
            source.destroy();
        }
    }
}

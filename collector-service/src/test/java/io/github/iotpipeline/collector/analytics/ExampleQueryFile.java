package io.github.iotpipeline.collector.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code example_queries.sql} in the layout analysts rely on when they copy a query out of it:
 * an optional header block, section lines such as {@code -- == Aggregates ==}, and queries that each
 * have exactly one comment line directly above them and end with {@code ;}. Anything else is an error
 * naming the line, so a comment that drifted away from its query cannot go unnoticed.
 */
final class ExampleQueryFile {

    private static final Pattern SECTION = Pattern.compile("-- ==.*==");

    private ExampleQueryFile() {
    }

    static List<ExampleQuery> read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    static List<ExampleQuery> parse(List<String> lines) {
        List<ExampleQuery> queries = new ArrayList<>();
        List<Paragraph> paragraphs = paragraphs(lines);
        for (int i = 0; i < paragraphs.size(); i++) {
            Paragraph paragraph = paragraphs.get(i);
            boolean header = i == 0 && paragraph.lines().stream().allMatch(line -> line.startsWith("--"));
            boolean section = paragraph.lines().size() == 1 && SECTION.matcher(paragraph.lines().get(0)).matches();
            if (!header && !section) {
                queries.add(query(paragraph));
            }
        }
        return queries;
    }

    private static ExampleQuery query(Paragraph paragraph) {
        List<String> lines = paragraph.lines();
        String comment = lines.get(0);
        if (!comment.startsWith("-- ") || comment.substring(3).isBlank()) {
            throw problem(paragraph.first(), "a query needs a one-line '-- ' comment directly above it");
        }
        if (lines.size() < 2 || lines.get(1).stripLeading().startsWith("--")) {
            throw problem(paragraph.first() + 1, "exactly one comment line, then the query");
        }
        List<String> statement = lines.subList(1, lines.size());
        for (int j = 0; j < statement.size(); j++) {
            boolean last = j == statement.size() - 1;
            if (statement.get(j).endsWith(";") != last) {
                throw problem(paragraph.first() + 1 + j, last
                        ? "the query must end with ';' at the end of its last line"
                        : "';' before the end of the paragraph: separate queries with a blank line");
            }
        }
        return new ExampleQuery(comment.substring(3).strip(), String.join("\n", statement), paragraph.first() + 1);
    }

    private static List<Paragraph> paragraphs(List<String> lines) {
        List<Paragraph> paragraphs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lines.size(); i++) {
            boolean blank = i == lines.size() || lines.get(i).isBlank();
            if (blank && start >= 0) {
                paragraphs.add(new Paragraph(start + 1, List.copyOf(lines.subList(start, i))));
                start = -1;
            }
            else if (!blank && start < 0) {
                start = i;
            }
        }
        return paragraphs;
    }

    private static IllegalStateException problem(int line, String message) {
        return new IllegalStateException("example_queries.sql line " + line + ": " + message);
    }

    /** Consecutive non-blank lines; {@code first} is the 1-based number of the first one. */
    private record Paragraph(int first, List<String> lines) {
    }
}

package io.github.iotpipeline.collector.analytics;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root from wherever the test runs: Maven starts it in the module directory,
 * IDEs sometimes in the root itself.
 */
final class ProjectRoot {

    static final String EXAMPLE_QUERIES = "example_queries.sql";

    static final String MIGRATIONS = "db/migration";

    private ProjectRoot() {
    }

    static Path locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(EXAMPLE_QUERIES)) && Files.isDirectory(dir.resolve(MIGRATIONS))) {
                return dir;
            }
        }
        throw new IllegalStateException("No directory with " + EXAMPLE_QUERIES + " and " + MIGRATIONS
                + " in " + start + " or above");
    }
}

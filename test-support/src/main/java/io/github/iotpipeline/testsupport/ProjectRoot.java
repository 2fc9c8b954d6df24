package io.github.iotpipeline.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The top directory of the repository, for tests that check the files kept there (migrations, example queries,
 * documentation, the Mosquitto configuration) rather than copies of them on the classpath. Maven runs a module's
 * tests in the module's directory, an IDE sometimes in the top directory: from either, the root is the nearest
 * directory at or above the working directory with a {@code pom.xml} and a {@code .mvn} directory, which is how
 * Maven itself finds the top of a multi-module build.
 */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path locate() {
        return locateFrom(Path.of("").toAbsolutePath());
    }

    /**
     * A file or directory below the root, which must exist: a missing one fails here, naming where it was
     * looked for, rather than later as an empty list or an unreadable file.
     */
    public static Path resolve(String relativePath) {
        Path root = locate();
        Path resolved = root.resolve(relativePath);
        if (!Files.exists(resolved)) {
            throw new IllegalStateException("No " + relativePath + " in the repository root " + root);
        }
        return resolved;
    }

    static Path locateFrom(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No directory with pom.xml and .mvn in " + start + " or above");
    }
}

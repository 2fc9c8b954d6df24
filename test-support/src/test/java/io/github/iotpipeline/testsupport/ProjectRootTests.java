package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The repository root that tests read top-level files from, whichever directory they run in. */
class ProjectRootTests {

    @TempDir
    Path work;

    @Test
    void isTheTopOfTheCloneThisTestRunsIn() {
        Path root = ProjectRoot.locate();

        assertThat(Path.of("").toAbsolutePath()).startsWith(root);
        assertThat(root.resolve("test-support/src/test/java/io/github/iotpipeline/testsupport/ProjectRootTests.java"))
                .isRegularFile();
        assertThat(ProjectRoot.resolve("test-support/pom.xml")).isEqualTo(root.resolve("test-support/pom.xml"));
    }

    @Test
    void isTheNearestDirectoryAboveWithAPomAndTheMavenDirectory() throws IOException {
        Path root = Files.createDirectories(work.resolve("clone"));
        Files.createDirectory(root.resolve(".mvn"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path module = Files.createDirectories(root.resolve("some-module/src"));
        Files.writeString(module.getParent().resolve("pom.xml"), "<project/>");

        assertThat(ProjectRoot.locateFrom(module)).isEqualTo(root);
        assertThat(ProjectRoot.locateFrom(root)).isEqualTo(root);
    }

    @Test
    void failsNamingAFileThatIsNotInTheRoot() {
        assertThatIllegalStateException().isThrownBy(() -> ProjectRoot.resolve("no/such/file.sql"))
                .withMessageContaining("no/such/file.sql");
    }
}

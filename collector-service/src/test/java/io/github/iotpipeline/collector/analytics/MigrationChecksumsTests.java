package io.github.iotpipeline.collector.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.github.iotpipeline.testsupport.ProjectRoot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An applied migration is never edited: a database migrated before the edit would fail Flyway's validation at
 * the next start. Each file's SHA-256 is listed in {@code db/migration-checksums.sha256} (the format of
 * {@code sha256sum}, so {@code cd db/migration && sha256sum -c ../migration-checksums.sha256} checks it too).
 * A new migration adds a row; no row is ever changed or removed.
 */
class MigrationChecksumsTests {

    private static final String LIST = "db/migration-checksums.sha256";

    @Test
    void everyMigrationIsListedWithTheChecksumItWasCommittedWith() throws IOException {
        Path root = ProjectRoot.locate();
        Map<String, String> listed = listed(root.resolve(LIST));
        Map<String, String> actual = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(root.resolve("db/migration"))) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".sql")).toList()) {
                actual.put(file.getFileName().toString(), sha256(file));
            }
        }

        assertThat(new TreeSet<>(actual.keySet())).as("migrations without a row in %s: add one", LIST)
                .isSubsetOf(listed.keySet());
        assertThat(new TreeSet<>(listed.keySet())).as("rows of %s whose migration is gone: migrations are never"
                + " removed", LIST).isSubsetOf(actual.keySet());
        actual.forEach((file, checksum) -> assertThat(checksum)
                .as("%s was edited after it was committed; an applied migration is never changed: put the change"
                        + " in a new V<n> file and restore this one", file)
                .isEqualTo(listed.get(file)));
    }

    private static Map<String, String> listed(Path list) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(list);
        for (String line : lines) {
            if (!line.isBlank()) {
                String[] parts = line.strip().split("\\s+\\*?", 2);
                rows.put(parts[1], parts[0]);
            }
        }
        return rows;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

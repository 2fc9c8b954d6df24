package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The names of a day's files in the archive directory: {@code raw_YYYYMMDD.jsonl} while the day is open,
 * {@code raw_YYYYMMDD.jsonl.gz} and {@code raw_YYYYMMDD.manifest.json} once it is closed, and a
 * {@code .tmp} beside either while it is written (renamed into place only when complete).
 */
public final class ArchiveFiles {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern NAME =
            Pattern.compile("raw_(\\d{8})\\.(jsonl|jsonl\\.gz|manifest\\.json|uploaded\\.json)");

    private final Path directory;

    public ArchiveFiles(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /** The file a day's messages are appended to while the day is open. */
    public Path plain(LocalDate day) {
        return directory.resolve("raw_" + DAY.format(day) + ".jsonl");
    }

    /** The day's file once closed: gzip, which standard tools and DuckDB read as they are. */
    public Path compressed(LocalDate day) {
        return directory.resolve("raw_" + DAY.format(day) + ".jsonl.gz");
    }

    public Path manifest(LocalDate day) {
        return directory.resolve("raw_" + DAY.format(day) + ".manifest.json");
    }

    /** Written once the day's files are uploaded and verified in the object store. */
    public Path uploaded(LocalDate day) {
        return directory.resolve("raw_" + DAY.format(day) + ".uploaded.json");
    }

    /** The manifest of a closed day. */
    public DayManifest readManifest(LocalDate day) throws IOException {
        return new ManifestFormat().read(Files.readAllBytes(manifest(day)));
    }

    /** What differs between a closed day's file and its manifest, read already, or null when they match. */
    public @Nullable String mismatch(LocalDate day, DayManifest manifest) throws IOException {
        return ManifestCheck.mismatch(compressed(day), manifest);
    }

    /** A file's temporary name while it is written; renamed into place only when complete. */
    public static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** Days with a plain file, that is days not closed yet, oldest first. */
    public List<LocalDate> openDays() {
        return List.copyOf(listing().getOrDefault("jsonl", new TreeSet<>()));
    }

    /**
     * Days whose closing is complete, oldest first: the manifest is written and the plain file gone. A day
     * half-way through closing is the closer's, not the uploader's. A day with only its upload marker left
     * (its removal was cut short) is listed too, so that the removal is finished.
     */
    public List<LocalDate> closedDays() {
        Map<String, TreeSet<LocalDate>> listing = listing();
        TreeSet<LocalDate> closed = new TreeSet<>(listing.getOrDefault("manifest.json", new TreeSet<>()));
        closed.addAll(listing.getOrDefault("uploaded.json", new TreeSet<>()));
        closed.removeAll(listing.getOrDefault("jsonl", new TreeSet<>()));
        return List.copyOf(closed);
    }

    /** The days of the directory's files, by kind ({@code jsonl}, {@code jsonl.gz}, ...): one listing. */
    private Map<String, TreeSet<LocalDate>> listing() {
        if (!Files.isDirectory(directory)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, TreeSet<LocalDate>> days = new HashMap<>();
            files.forEach(file -> {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    dayOf(name.group(1)).ifPresent(day -> days.computeIfAbsent(name.group(2),
                            kind -> new TreeSet<>()).add(day));
                }
            });
            return days;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the raw archive in " + directory + ": " + ex, ex);
        }
    }

    private static Optional<LocalDate> dayOf(String digits) {
        try {
            return Optional.of(LocalDate.parse(digits, DAY));
        }
        catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }
}

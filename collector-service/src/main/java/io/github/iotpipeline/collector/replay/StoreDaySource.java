package io.github.iotpipeline.collector.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.objectstore.StoredDays;
import org.jspecify.annotations.Nullable;

/** Days from the object store, each downloaded into a temporary directory and removed once replayed. */
final class StoreDaySource implements DaySource {

    private final StoredDays store;
    private final @Nullable String instance;
    private final Path copies;
    private final ArchiveFiles files;

    StoreDaySource(StoredDays store, @Nullable String instance, Path copies) {
        this.store = store;
        this.instance = instance;
        this.copies = copies;
        this.files = new ArchiveFiles(copies);
    }

    @Override
    public Optional<ArchivedDay> fetch(LocalDate day) throws IOException {
        if (store.download(day, instance, copies).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ArchivedDay.closed(files, day));
    }

    @Override
    public String describe() {
        return store.describe(instance);
    }

    @Override
    public void done(ArchivedDay day) throws IOException {
        Files.deleteIfExists(files.compressed(day.day()));
        Files.deleteIfExists(files.manifest(day.day()));
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> downloaded = Files.walk(copies)) {
            for (Path path : downloaded.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

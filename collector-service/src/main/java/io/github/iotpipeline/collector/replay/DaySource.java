package io.github.iotpipeline.collector.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.objectstore.StoredDays;
import org.jspecify.annotations.Nullable;

/** Where replayed days come from: the archive directory, or the object store through a temporary copy. */
interface DaySource extends AutoCloseable {

    /** The day's file, checked against its manifest; empty when there is no file for that day. */
    Optional<ArchivedDay> fetch(LocalDate day) throws IOException;

    String describe();

    /** The day is replayed: a copy made for it can go. */
    default void done(ArchivedDay day) throws IOException {
    }

    @Override
    default void close() throws IOException {
    }

    static DaySource local(Path directory) {
        ArchiveFiles files = new ArchiveFiles(directory);
        return new DaySource() {
            @Override
            public Optional<ArchivedDay> fetch(LocalDate day) throws IOException {
                if (Files.exists(files.compressed(day)) && Files.exists(files.manifest(day))) {
                    return Optional.of(ArchivedDay.closed(files, day));
                }
                return Files.exists(files.plain(day))
                        ? Optional.of(new ArchivedDay(day, files.plain(day), null, null)) : Optional.empty();
            }

            @Override
            public String describe() {
                return files.directory().toString();
            }
        };
    }

    static DaySource store(StoredDays store, @Nullable String instance) throws IOException {
        return new StoreDaySource(store, instance, Files.createTempDirectory("replay-"));
    }
}

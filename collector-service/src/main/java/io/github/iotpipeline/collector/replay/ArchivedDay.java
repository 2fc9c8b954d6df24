package io.github.iotpipeline.collector.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.archive.DayManifest;
import org.jspecify.annotations.Nullable;

/**
 * A day's archive file to replay.
 *
 * @param manifest the manifest of a closed day; null for a day still open (a plain file)
 * @param mismatch what differs between the file and its manifest, or null when they match
 */
record ArchivedDay(LocalDate day, Path file, @Nullable DayManifest manifest, @Nullable String mismatch) {

    /** A closed day of the directory, checked against its manifest. */
    static ArchivedDay closed(ArchiveFiles files, LocalDate day) throws IOException {
        DayManifest manifest = files.readManifest(day);
        return new ArchivedDay(day, files.compressed(day), manifest, files.mismatch(day, manifest));
    }
}

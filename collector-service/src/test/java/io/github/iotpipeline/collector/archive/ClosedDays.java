package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Closed archive days for tests of what comes after closing, as the collector closes them. */
public final class ClosedDays {

    private ClosedDays() {
    }

    /** Closes a day the collector archived, as the collector does after midnight. */
    public static DayManifest close(Path directory, LocalDate day) throws IOException {
        return new DayCloser(new ArchiveFiles(directory), ArchiveDays.CONTRACT).close(day);
    }

    /**
     * Archives the messages as the collector does, in the order given, and closes the day; every message must
     * have been received on that day (UTC).
     */
    public static DayManifest write(Path directory, LocalDate day, List<ArchiveEntry> messages) throws IOException {
        RawArchive archive = new RawArchive(ArchiveDays.properties(directory));
        try {
            archive.append(messages);
        }
        finally {
            archive.close();
        }
        return close(directory, day);
    }

    /** Writes a day of {@code readings} readings of sensor-1 into the directory and closes it. */
    public static DayManifest write(Path directory, LocalDate day, int readings) throws IOException {
        ArchiveFiles files = new ArchiveFiles(directory);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < readings; i++) {
            lines.append(ArchiveDays.reading(start.plusSeconds(i), i));
        }
        java.nio.file.Files.createDirectories(directory);
        java.nio.file.Files.writeString(files.plain(day), lines);
        return new DayCloser(files, ArchiveDays.CONTRACT).close(day);
    }
}

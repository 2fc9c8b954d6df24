package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Appends every received message to {@code raw_YYYYMMDD.jsonl} (UTC day of receipt) and forces the file to
 * disk before returning, so that nothing is acknowledged that the archive does not hold. Only the buffer's
 * writer thread calls it, one batch at a time.
 */
@Component
public class RawArchive {

    private static final Logger log = LoggerFactory.getLogger(RawArchive.class);
    private final Path directory;
    private final ArchiveFiles files;
    private final RawLineFormat format = new RawLineFormat();
    /** Days being closed or closed in this run: nothing is appended to their plain file any more. */
    private final Set<LocalDate> sealed = new HashSet<>();

    /** The day of the open file, and the receive day of the entries it takes (later when that was sealed). */
    private @Nullable LocalDate openDay;
    private @Nullable LocalDate requestedDay;
    private @Nullable FileChannel channel;

    RawArchive(ArchiveProperties properties) {
        this.files = new ArchiveFiles(properties.directory());
        this.directory = files.directory();
        try {
            Files.createDirectories(directory);
            log.info("Raw archive in {}", directory);
        }
        catch (IOException ex) {
            // Not fatal: the collector starts, reports the archive DOWN through the buffer's health and
            // acknowledges nothing until the directory can be written.
            log.warn("Raw archive directory {} cannot be created yet: {}", directory, ex.toString());
        }
    }

    /** Appends the entries and syncs the file; returns the bytes written. */
    public synchronized long append(List<ArchiveEntry> entries) {
        try {
            long bytes = 0;
            for (ArchiveEntry entry : entries) {
                LocalDate day = LocalDate.ofInstant(entry.receivedAt(), ZoneOffset.UTC);
                if (channel == null || !day.equals(requestedDay)) {
                    bytes += open(day);
                }
                bytes += writeFully(channel, ByteBuffer.wrap(format.format(entry)));
            }
            if (channel != null) {
                channel.force(false);
            }
            return bytes;
        }
        catch (IOException ex) {
            closeQuietly();
            throw new UncheckedIOException("Cannot append to the raw archive in " + directory + ": " + ex, ex);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The archive file for a day while it is open. */
    public Path fileFor(LocalDate day) {
        return files.plain(day);
    }

    /**
     * Appends nothing more to the day's plain file, and closes it if open, so that it can be compressed.
     * A message of that day written later (one a long database outage held in the buffer) goes to the
     * file of the next open day, under its own receive time.
     */
    public synchronized void seal(LocalDate day) {
        sealed.add(day);
        if (day.equals(openDay)) {
            closeQuietly();
        }
    }

    private LocalDate openDayFor(LocalDate day) {
        LocalDate open = day;
        while (sealed.contains(open) || Files.exists(files.compressed(open))) {
            open = open.plusDays(1);
        }
        if (!open.equals(day)) {
            log.warn("A message received on {} came after that day was closed; it goes to the file of {}", day,
                    open);
        }
        return open;
    }

    /**
     * Makes the file for entries received on the day the open one; returns the bytes written to mend a torn
     * last line.
     */
    private int open(LocalDate received) throws IOException {
        if (channel != null) {
            channel.force(false);
            channel.close();
        }
        Files.createDirectories(directory);
        LocalDate day = openDayFor(received);
        Path file = fileFor(day);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        openDay = day;
        requestedDay = received;
        return endsInTornLine(file) ? writeFully(channel, ByteBuffer.wrap(new byte[] {'\n'})) : 0;
    }

    /**
     * A crash mid-write can leave a last line without its newline. Ending it here keeps the next line whole,
     * so at most that one torn line is unreadable.
     */
    private static boolean endsInTornLine(Path file) throws IOException {
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = reader.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            reader.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    private static int writeFully(FileChannel file, ByteBuffer bytes) throws IOException {
        int total = bytes.remaining();
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
        return total;
    }

    @PreDestroy
    synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException ex) {
                log.warn("Closing the raw archive file failed", ex);
            }
            channel = null;
            openDay = null;
            requestedDay = null;
        }
    }
}

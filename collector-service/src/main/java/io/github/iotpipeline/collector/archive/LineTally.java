package io.github.iotpipeline.collector.archive;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;

import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.ReadingContract;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Counts what a day's lines hold, fed the file's bytes as they stream past: lines, readings the contract
 * accepts, refusals, torn lines, and the first and last receive time.
 */
final class LineTally {

    private final ReadingContract contract;
    private final RawArchiveReader reader = new RawArchiveReader();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long lines;
    private long accepted;
    private long refused;
    private long torn;
    private @Nullable Instant first;
    private @Nullable Instant last;

    LineTally(ReadingContract contract) {
        this.contract = contract;
    }

    void feed(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        line.write(bytes, start, length - start);
    }

    /** The counts, once every byte was fed; a last line without its newline counts too. */
    DayManifest manifest(LocalDate day, String file, long bytes, String sha256, long uncompressedBytes) {
        endLine();
        return new DayManifest(day, file, bytes, sha256, uncompressedBytes, lines, accepted, refused, torn,
                first, last);
    }

    private void endLine() {
        if (line.size() == 0) {
            return;
        }
        lines++;
        byte[] bytes = line.toByteArray();
        line.reset();
        try {
            count(reader.parse(bytes, 0, bytes.length));
        }
        catch (JacksonException | IllegalArgumentException | java.time.DateTimeException ex) {
            torn++;
        }
    }

    private void count(ArchiveEntry entry) {
        if (contract.check(entry.topic(), entry.payload()) instanceof Decoded.Accepted) {
            accepted++;
        }
        else {
            refused++;
        }
        first = first == null || entry.receivedAt().isBefore(first) ? entry.receivedAt() : first;
        last = last == null || entry.receivedAt().isAfter(last) ? entry.receivedAt() : last;
    }
}

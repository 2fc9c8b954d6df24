package io.github.iotpipeline.collector.archive;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a closed day's file holds, written beside it as {@code raw_YYYYMMDD.manifest.json}: enough to verify
 * the file (size and checksum of the compressed bytes) and to reconcile a replay with it (its lines, and how
 * many are readings, refusals and torn lines).
 *
 * @param file the compressed file's name
 * @param bytes size of the compressed file
 * @param sha256 SHA-256 of the compressed file, lower-case hex
 * @param uncompressedBytes size of the plain file it was made from
 * @param lines non-empty lines
 * @param accepted lines whose message the wire contract accepts as a reading
 * @param refused lines whose message the contract refuses (each one is a dead letter)
 * @param torn lines that are not a complete archive entry, such as the last line a crash cut short
 * @param firstReceivedAt the earliest receive time among the entries, null when there are none
 * @param lastReceivedAt the latest one
 */
public record DayManifest(LocalDate day, String file, long bytes, String sha256, long uncompressedBytes,
        long lines, long accepted, long refused, long torn, @Nullable Instant firstReceivedAt,
        @Nullable Instant lastReceivedAt) {
}

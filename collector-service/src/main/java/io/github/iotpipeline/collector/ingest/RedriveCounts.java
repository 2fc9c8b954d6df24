package io.github.iotpipeline.collector.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * What redriving some dead letters did.
 *
 * @param stored accepted now, and stored as new readings
 * @param storedAlready accepted now, and found stored already (by a replay of the archive, or an earlier
 *        redrive that was stopped after its commit); marked redriven too
 * @param stillRefused by the reason today's contract, or the database, gives; left as they are
 */
public record RedriveCounts(long stored, long storedAlready, Map<String, Long> stillRefused) {

    public static final RedriveCounts NONE = new RedriveCounts(0, 0, Map.of());

    public RedriveCounts {
        stillRefused = Map.copyOf(stillRefused);
    }

    /** Accepted by today's contract. */
    public long accepted() {
        return stored + storedAlready;
    }

    public long refused() {
        return stillRefused.values().stream().mapToLong(Long::longValue).sum();
    }

    public RedriveCounts plus(RedriveCounts other) {
        Map<String, Long> refusals = new TreeMap<>(stillRefused);
        other.stillRefused.forEach((reason, count) -> refusals.merge(reason, count, Long::sum));
        return new RedriveCounts(stored + other.stored, storedAlready + other.storedAlready, refusals);
    }

    static RedriveCounts refused(String reason, long count) {
        return new RedriveCounts(0, 0, Map.of(reason, count));
    }
}

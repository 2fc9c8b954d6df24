package io.github.iotpipeline.collector.replay;

import io.github.iotpipeline.collector.ingest.ReplayCounts;

/**
 * One day's replay, line by line: every non-empty line ends in exactly one of stored, duplicates, rejected,
 * skipped (older than the retention), torn, or not asked for (another sensor than {@code --sensor}).
 */
final class DayTally {

    private long lines;
    private long torn;
    private long otherSensors;
    private ReplayCounts counts = ReplayCounts.NONE;

    /** The day's line counts, as the reader has them so far. */
    void read(long lines, long torn, long otherSensors) {
        this.lines = lines;
        this.torn = torn;
        this.otherSensors = otherSensors;
    }

    void replayed(ReplayCounts batch) {
        counts = counts.plus(batch);
    }

    long lines() {
        return lines;
    }

    long torn() {
        return torn;
    }

    ReplayCounts counts() {
        return counts;
    }

    /** Whether every line is accounted for. */
    boolean reconciles() {
        return lines == counts.total() + torn + otherSensors;
    }

    /** The summary line: lines = stored + duplicates + rejected + torn (+ skipped, + other sensors). */
    String summary(boolean dryRun) {
        String outcome = dryRun
                ? String.format("%,d would be written (dry run) + %,d torn", counts.stored(), torn)
                : String.format("%,d stored + %,d duplicates + %,d rejected + %,d torn", counts.stored(),
                        counts.duplicates(), counts.rejected(), torn);
        String skipped = counts.skipped() == 0 ? ""
                : String.format(" + %,d skipped (older than the raw retention, their rollups count them)",
                        counts.skipped());
        String others = otherSensors == 0 ? "" : String.format(" + %,d of other sensors", otherSensors);
        return String.format("%,d lines = ", lines) + outcome + skipped + others;
    }
}

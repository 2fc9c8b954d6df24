package io.github.iotpipeline.collector.ingest;

/**
 * What replaying archived messages did.
 *
 * @param stored readings stored as new rows
 * @param duplicates readings, and dead letters, that were stored already
 * @param rejected dead letters stored as new rows
 * @param skipped readings older than the retention horizon, not stored again: their rollups count them already
 */
public record ReplayCounts(long stored, long duplicates, long rejected, long skipped) {

    public static final ReplayCounts NONE = new ReplayCounts(0, 0, 0, 0);

    public ReplayCounts plus(ReplayCounts other) {
        return new ReplayCounts(stored + other.stored, duplicates + other.duplicates, rejected + other.rejected,
                skipped + other.skipped);
    }

    /** Messages accounted for. */
    public long total() {
        return stored + duplicates + rejected + skipped;
    }
}

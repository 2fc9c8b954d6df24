package io.github.iotpipeline.collector.replay;

import java.io.IOException;
import java.time.Instant;

import io.github.iotpipeline.collector.archive.DayManifest;
import io.github.iotpipeline.collector.ingest.ArchiveReplay;
import io.github.iotpipeline.collector.ingest.ReplayCounts;
import io.github.iotpipeline.model.SensorTopics;
import org.jspecify.annotations.Nullable;

/**
 * Replays one day in batches and reconciles it: every line is accounted for, and a closed day's lines and
 * torn lines are those its manifest counts.
 */
final class DayReplayer {

    private static final int BATCH = 20_000;

    private final ArchiveReplay replay;
    private final SensorTopics topics;
    private final ReplayArguments arguments;
    private final @Nullable Instant keepFrom;
    private final ReplayProgress progress;
    private ReplayCounts total = ReplayCounts.NONE;
    private long torn;

    DayReplayer(ArchiveReplay replay, SensorTopics topics, ReplayArguments arguments, @Nullable Instant keepFrom,
            ReplayProgress progress) {
        this.replay = replay;
        this.topics = topics;
        this.arguments = arguments;
        this.keepFrom = keepFrom;
        this.progress = progress;
    }

    /** Replays the day; false, having said why, when it cannot be replayed or does not reconcile. */
    boolean replay(ArchivedDay day, int index) throws IOException, InterruptedException {
        if (day.mismatch() != null) {
            ReplayCommand.OUT.error("replay: " + day.day() + ": " + day.mismatch() + "; not replayed");
            return false;
        }
        DayTally tally = new DayTally();
        String sensor = arguments.sensor();
        try (CheckedBatches<ArchiveReplay.Checked> batches = CheckedBatches.start(day.file(),
                entry -> sensor == null || topics.sensorIdOf(entry.topic()).filter(sensor::equals).isPresent(),
                entries -> replay.check(entries, keepFrom), BATCH)) {
            CheckedBatches.Chunk<ArchiveReplay.Checked> chunk;
            do {
                chunk = batches.next();
                tally.replayed(replay.write(chunk.batch(), arguments.dryRun()));
                tally.read(chunk.lines(), chunk.torn(), chunk.otherSensors());
                progress.advanced(index, day.day().toString(), chunk.done(), chunk.lines());
            }
            while (!chunk.last());
        }
        return reconcile(day, tally);
    }

    private boolean reconcile(ArchivedDay day, DayTally tally) {
        total = total.plus(tally.counts());
        torn += tally.torn();
        progress.counted(tally.lines());
        DayManifest manifest = day.manifest();
        String against = manifest == null ? "a day still open, without a manifest"
                : manifest.lines() == tally.lines() && manifest.torn() == tally.torn() ? "as its manifest counts"
                : String.format("NOT as its manifest counts (%,d lines, %,d torn)", manifest.lines(),
                        manifest.torn());
        boolean reconciles = tally.reconciles() && (manifest == null || against.startsWith("as"));
        String line = "replay: " + day.day() + ": " + tally.summary(arguments.dryRun()) + "; " + against;
        if (reconciles) {
            ReplayCommand.OUT.info(line);
        }
        else {
            ReplayCommand.OUT.error(line);
        }
        return reconciles;
    }

    /** The closing line of the whole replay. */
    String totals(int days, int failed) {
        return String.format("replay: done in %.1f s: %d of the days had a file, %,d lines, %,d stored,"
                + " %,d duplicates, %,d rejected, %,d torn, %,d skipped; %d failed",
                progress.elapsed().toMillis() / 1000.0, days, progress.lines(), total.stored(), total.duplicates(),
                total.rejected(), torn, total.skipped(), failed);
    }
}

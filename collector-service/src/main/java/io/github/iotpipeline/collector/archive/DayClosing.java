package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.github.iotpipeline.collector.background.PeriodicTask;
import io.github.iotpipeline.model.ReadingContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Closes each UTC day of the archive soon after it is over ({@code close-after} past midnight), checking on
 * a clock rather than waiting for the next message, and at start-up closes any earlier day still open. A day
 * is held back while the pipeline still holds a message received on it, and a day that fails is tried again
 * at the next check; neither holds back the others.
 */
@Component
// Not while replaying the archive: that process only reads and writes the database.
@Profile("!command")
class DayClosing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DayClosing.class);

    private final RawArchive archive;
    private final ArchiveFiles files;
    private final DayCloser closer;
    private final ArchiveBacklog backlog;
    private final ArchiveProperties properties;
    private final Clock clock;
    private final ClosingMetrics metrics;
    private final PeriodicTask task;
    private volatile ArchiveStatus status = ArchiveStatus.initial();

    DayClosing(RawArchive archive, ReadingContract contract, ArchiveBacklog backlog, ArchiveProperties properties,
            Clock clock, ClosingMetrics metrics) {
        this.archive = archive;
        this.files = new ArchiveFiles(properties.directory());
        this.closer = new DayCloser(files, contract);
        this.backlog = backlog;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.task = new PeriodicTask("raw-archive-closing", this::closeDueDays, Duration.ZERO,
                properties.closeCheckInterval());
    }

    ArchiveStatus status() {
        return status;
    }

    /** Closes every earlier day that is due; one that fails does not hold back the others. */
    void closeDueDays() {
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            int waiting = 0;
            for (LocalDate day : files.openDays()) {
                if (day.isBefore(today) && !(due(day) && close(day))) {
                    waiting++;
                }
            }
            metrics.waiting(waiting);
            status = status.waiting(waiting);
        }
        catch (RuntimeException ex) {
            // Listing the directory failed; the next check tries again.
            status = status.failed(ex.getMessage() == null ? ex.toString() : ex.getMessage());
            log.warn("Looking for archive days to close failed: {}", ex.toString());
        }
    }

    private boolean due(LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (clock.instant().isBefore(end.plus(properties.closeAfter()))) {
            return false;
        }
        Instant oldest = backlog.oldestHeld();
        return oldest == null || !oldest.isBefore(end);
    }

    /** Closes the day; false, having said why, when it failed. */
    private boolean close(LocalDate day) {
        archive.seal(day);
        try {
            DayManifest manifest = closer.close(day);
            metrics.closed(manifest, clock.instant());
            status = status.closed(day, clock.instant());
            log.info("Closed the raw archive day {}: {} lines ({} readings, {} refused, {} torn), {} bytes"
                    + " compressed to {}", day, manifest.lines(), manifest.accepted(), manifest.refused(),
                    manifest.torn(), manifest.uncompressedBytes(), manifest.bytes());
            return true;
        }
        catch (IOException | RuntimeException ex) {
            metrics.failed();
            status = status.failed(day + ": " + ex.getMessage());
            log.warn("Closing the raw archive day {} failed; the next check tries again: {}", day, ex.toString());
            return false;
        }
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}

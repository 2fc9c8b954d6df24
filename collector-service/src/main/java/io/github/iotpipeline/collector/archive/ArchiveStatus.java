package io.github.iotpipeline.collector.archive;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * How the closing of archive days goes, for health and metrics.
 *
 * @param daysWaiting earlier days whose plain file is still there: due soon, held back, or failing
 * @param daysClosed days closed since the collector started
 * @param lastClosedDay the day closed last, or null
 * @param lastSuccess when a day was last closed, or null
 * @param lastError the last failure, cleared by the next success, or null
 */
record ArchiveStatus(int daysWaiting, long daysClosed, @Nullable LocalDate lastClosedDay,
        @Nullable Instant lastSuccess, @Nullable String lastError) {

    static ArchiveStatus initial() {
        return new ArchiveStatus(0, 0, null, null, null);
    }

    ArchiveStatus closed(LocalDate day, Instant at) {
        return new ArchiveStatus(daysWaiting, daysClosed + 1, day, at, null);
    }

    ArchiveStatus failed(String error) {
        return new ArchiveStatus(daysWaiting, daysClosed, lastClosedDay, lastSuccess, error);
    }

    ArchiveStatus waiting(int days) {
        return new ArchiveStatus(days, daysClosed, lastClosedDay, lastSuccess, lastError);
    }
}

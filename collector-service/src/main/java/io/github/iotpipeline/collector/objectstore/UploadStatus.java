package io.github.iotpipeline.collector.objectstore;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * How uploads go, for health and metrics.
 *
 * @param daysWaiting closed days not uploaded yet
 * @param daysUploaded days uploaded and verified since the collector started
 * @param lastUploadedDay the day uploaded last, or null
 * @param lastSuccess when a check last went through without an error, or null
 * @param lastError the last failure, cleared by the next check that succeeds, or null
 * @param nextAttempt when the next attempt is due after a failure, or null
 */
record UploadStatus(int daysWaiting, long daysUploaded, @Nullable LocalDate lastUploadedDay,
        @Nullable Instant lastSuccess, @Nullable String lastError, @Nullable Instant nextAttempt) {

    static UploadStatus initial() {
        return new UploadStatus(0, 0, null, null, null, null);
    }

    UploadStatus uploaded(LocalDate day) {
        return new UploadStatus(daysWaiting, daysUploaded + 1, day, lastSuccess, lastError, nextAttempt);
    }

    UploadStatus succeeded(Instant at, int waiting) {
        return new UploadStatus(waiting, daysUploaded, lastUploadedDay, at, null, null);
    }

    UploadStatus failed(String error, Instant retryAt, int waiting) {
        return new UploadStatus(waiting, daysUploaded, lastUploadedDay, lastSuccess, error, retryAt);
    }
}

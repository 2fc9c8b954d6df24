package io.github.iotpipeline.collector.ingest;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the buffer for health and metrics.
 *
 * @param buffered messages held and not yet acknowledged
 * @param oldest arrival time of the oldest of them, or null when empty
 * @param lastSuccess when a batch was last written, or null
 * @param lastFlushDuration how long that write took
 * @param consecutiveFailures failed attempts since the last success
 * @param lastError the message of the last failure, or null
 */
record BufferStatus(int buffered, @Nullable Instant oldest, @Nullable Instant lastSuccess, Duration lastFlushDuration,
        int consecutiveFailures, @Nullable String lastError) {

    static BufferStatus initial() {
        return new BufferStatus(0, null, null, Duration.ZERO, 0, null);
    }

    BufferStatus withContents(int buffered, @Nullable Instant oldest) {
        return new BufferStatus(buffered, oldest, lastSuccess, lastFlushDuration, consecutiveFailures, lastError);
    }

    BufferStatus succeeded(Instant at, Duration took) {
        return new BufferStatus(buffered, oldest, at, took, 0, null);
    }

    BufferStatus failed(@Nullable String error) {
        return new BufferStatus(buffered, oldest, lastSuccess, lastFlushDuration, consecutiveFailures + 1, error);
    }
}

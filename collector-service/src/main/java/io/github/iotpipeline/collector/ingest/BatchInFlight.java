package io.github.iotpipeline.collector.ingest;

import java.time.Duration;
import java.time.Instant;

import io.github.iotpipeline.collector.background.Backoff;
import org.jspecify.annotations.Nullable;

/**
 * The batch being written, or the one that failed and waits for its retry; at most one at a time. While it
 * fails nothing else is written (order matters for the acknowledgements), and it is retried with exponential
 * backoff. Used by the writer thread only.
 */
final class BatchInFlight {

    private final Backoff backoff;
    private @Nullable Batch batch;
    private boolean failed;
    private Instant nextAttempt = Instant.MIN;

    BatchInFlight(Backoff backoff) {
        this.backoff = backoff;
    }

    boolean isEmpty() {
        return batch == null;
    }

    Batch hold(Batch taken) {
        batch = taken;
        failed = false;
        return taken;
    }

    /** The failed batch once its backoff has passed, else null. */
    @Nullable Batch dueRetry(Instant now) {
        return failed && !now.isBefore(nextAttempt) ? batch : null;
    }

    /** The failed batch whatever its backoff, else null. */
    @Nullable Batch failedBatch() {
        return failed ? batch : null;
    }

    void written() {
        batch = null;
        failed = false;
        backoff.reset();
    }

    /** Marks the batch failed; returns how long it waits before the next attempt. */
    Duration failed(Instant now) {
        failed = true;
        Duration wait = backoff.next();
        nextAttempt = now.plus(wait);
        return wait;
    }

    void clear() {
        batch = null;
        failed = false;
    }
}

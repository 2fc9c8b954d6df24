package io.github.iotpipeline.collector.ingest;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When the next batch is due: once {@code size} messages wait or the oldest has waited the flush age, and not
 * sooner than {@code min-interval} after the last write began, unless a batch is at its maximum. Under load
 * messages pile up meanwhile and the next batch takes them all, so batches grow with the load and each write
 * (one fsync, one transaction) is shared by more readings.
 */
final class FlushPolicy {

    private final BatchProperties properties;
    private Instant lastWriteStarted = Instant.MIN;

    FlushPolicy(BatchProperties properties) {
        this.properties = properties;
    }

    boolean due(int waiting, @Nullable Instant oldest, Instant now) {
        if (waiting == 0 || oldest == null) {
            return false;
        }
        if (waiting < properties.size() && oldest.plus(properties.flushAge()).isAfter(now)) {
            return false;
        }
        return waiting >= properties.maxSize() || !lastWriteStarted.plus(properties.minInterval()).isAfter(now);
    }

    void writeStarted(Instant now) {
        lastWriteStarted = now;
    }

    /** How long a full batch must still wait for the minimum interval; zero when it need not. */
    Duration untilAllowed(Instant now) {
        Duration left = Duration.between(now, lastWriteStarted.plus(properties.minInterval()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The most messages one batch takes. */
    int maxSize() {
        return properties.maxSize();
    }
}

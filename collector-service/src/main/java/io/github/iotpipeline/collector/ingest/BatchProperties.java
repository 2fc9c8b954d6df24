package io.github.iotpipeline.collector.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When buffered readings are written.
 *
 * @param size write as soon as this many messages are buffered
 * @param maxSize most messages written in one batch: under load, messages pile up while a batch is being
 *        written, and the next batch takes up to this many of them at once, so batches grow with the load
 * @param maxBuffered most messages held unacknowledged; at this many the MQTT callback thread waits for a
 *        write to finish, which holds the broker back through TCP. The broker's own window, the Receive
 *        Maximum, is not relied on for this: a broker may not enforce it
 * @param minInterval shortest time between the starts of two writes, unless the batch is at its maximum: under
 *        load a batch then holds at least this much time's worth of readings, and the rollups, which cost a row
 *        per sensor and write, are shared by more of them
 * @param flushInterval write at the latest this long after the oldest buffered message arrived: the promise
 *        is that a reading is queryable within this time of its arrival
 * @param commitAllowance how much of the flush interval to leave for writing and committing, so that the
 *        reading is queryable before the interval ends rather than just after
 * @param maxPayloadBytes larger payloads are rejected unread
 * @param retryBackoff first wait after a failed write; doubles on each further failure
 * @param maxRetryBackoff longest wait between attempts while the database is failing
 */
@Validated
@ConfigurationProperties("collector.batch")
record BatchProperties(
        @Min(1) @DefaultValue("100") int size,
        @Min(1) @DefaultValue("10000") int maxSize,
        @Min(1) @DefaultValue("20000") int maxBuffered,
        @DefaultValue("250ms") Duration minInterval,
        @DefaultValue("5s") Duration flushInterval,
        @DefaultValue("500ms") Duration commitAllowance,
        @Min(64) @DefaultValue("16384") int maxPayloadBytes,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("30s") Duration maxRetryBackoff) {

    public BatchProperties {
        if (maxBuffered < maxSize) {
            throw new IllegalArgumentException("collector.batch.max-buffered (" + maxBuffered
                    + ") must be at least collector.batch.max-size (" + maxSize + ")");
        }
        if (maxSize < size) {
            throw new IllegalArgumentException("collector.batch.max-size (" + maxSize
                    + ") must be at least collector.batch.size (" + size + ")");
        }
    }

    /** Age of the oldest buffered message at which the buffer is written. */
    Duration flushAge() {
        Duration age = flushInterval.minus(commitAllowance);
        return age.isNegative() ? Duration.ZERO : age;
    }
}

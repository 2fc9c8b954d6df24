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
public record BatchProperties(
        @Min(1) @DefaultValue("100") int size,
        @Min(1) @DefaultValue("2000") int maxSize,
        @DefaultValue("5s") Duration flushInterval,
        @DefaultValue("500ms") Duration commitAllowance,
        @Min(64) @DefaultValue("16384") int maxPayloadBytes,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("30s") Duration maxRetryBackoff) {

    public BatchProperties {
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

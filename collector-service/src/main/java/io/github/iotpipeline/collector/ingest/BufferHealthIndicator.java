package io.github.iotpipeline.collector.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN while batches fail to be written, or while the oldest buffered message has waited three flush
 * intervals: either way readings are not reaching the database.
 */
@Component
class BufferHealthIndicator implements HealthIndicator {

    private final ReadingBuffer buffer;
    private final BatchProperties properties;
    private final Clock clock;

    BufferHealthIndicator(ReadingBuffer buffer, BatchProperties properties, Clock clock) {
        this.buffer = buffer;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        BufferStatus status = buffer.status();
        Instant oldest = status.oldest();
        Duration oldestAge = oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
        boolean stuck = oldestAge.compareTo(properties.flushInterval().multipliedBy(3)) > 0;
        Health.Builder health = status.consecutiveFailures() > 0 || stuck ? Health.down() : Health.up();
        health.withDetail("buffered", status.buffered())
                .withDetail("oldestAgeMs", oldestAge.toMillis())
                .withDetail("batchSize", properties.size())
                .withDetail("flushInterval", properties.flushInterval().toString())
                .withDetail("consecutiveFailures", status.consecutiveFailures())
                .withDetail("lastFlushMs", status.lastFlushDuration().toMillis());
        if (status.lastSuccess() != null) {
            health.withDetail("lastSuccess", status.lastSuccess().toString());
        }
        if (status.lastError() != null) {
            health.withDetail("lastError", status.lastError());
        }
        return health.build();
    }
}

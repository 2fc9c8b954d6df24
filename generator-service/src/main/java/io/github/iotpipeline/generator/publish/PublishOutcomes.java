package io.github.iotpipeline.generator.publish;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.mqtt.event.MqttMessageDeliveredEvent;
import org.springframework.integration.mqtt.event.MqttMessageNotDeliveredEvent;
import org.springframework.stereotype.Component;

/**
 * Counts what became of each reading, as the meter {@code generator.readings} tagged with its outcome:
 * {@code published} (handed to the MQTT client), {@code delivered} (acknowledged by the broker),
 * {@code dropped} (not sent because the broker was unreachable or slow) and {@code failed} (sending or
 * delivery failed). Losses are logged once when they start and once when publishing resumes, not per reading.
 */
@Component
class PublishOutcomes {

    static final String METER = "generator.readings";

    private static final Logger log = LoggerFactory.getLogger(PublishOutcomes.class);

    private final Counter published;
    private final Counter delivered;
    private final Counter dropped;
    private final Counter failed;
    private final AtomicLong lostSinceLastPublished = new AtomicLong();

    PublishOutcomes(MeterRegistry registry) {
        this.published = counter(registry, "published");
        this.delivered = counter(registry, "delivered");
        this.dropped = counter(registry, "dropped");
        this.failed = counter(registry, "failed");
    }

    /** Publications the broker has acknowledged so far. */
    long delivered() {
        return (long) delivered.count();
    }

    /** Publications that failed or that the broker did not acknowledge, so far. */
    long failedCount() {
        return (long) failed.count();
    }

    void published() {
        published.increment();
        long lost = lostSinceLastPublished.getAndSet(0);
        if (lost > 0) {
            log.warn("Publishing readings again after losing {} ({} dropped, {} failed since start)",
                    lost, (long) dropped.count(), (long) failed.count());
        }
    }

    void dropped(String reason) {
        dropped.increment();
        lost(reason);
    }

    void failed(String reason) {
        failed.increment();
        lost(reason);
    }

    @EventListener
    void onDelivered(MqttMessageDeliveredEvent event) {
        delivered.increment();
    }

    @EventListener
    void onNotDelivered(MqttMessageNotDeliveredEvent event) {
        failed("broker did not acknowledge: " + event.getException().getMessage());
    }

    private void lost(String reason) {
        if (lostSinceLastPublished.getAndIncrement() == 0) {
            log.warn("Losing readings until the broker takes them again: {} ({} dropped, {} failed since start)",
                    reason, (long) dropped.count(), (long) failed.count());
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(METER)
                .description("Sensor readings by what became of them")
                .tag("outcome", outcome)
                .register(registry);
    }
}

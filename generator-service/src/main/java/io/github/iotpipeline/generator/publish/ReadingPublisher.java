package io.github.iotpipeline.generator.publish;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.github.iotpipeline.generator.simulation.SensorFleet;
import io.github.iotpipeline.model.SensorReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * Takes a reading from every sensor and sends what the fleet gives to publish, in order, to the outbound
 * channel. While the broker cannot take them, readings are dropped and counted; the sensors still advance, so
 * the gap shows in {@code seq}.
 */
@Component
class ReadingPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReadingPublisher.class);

    private final SensorFleet fleet;
    private final ReadingMessages messages;
    private final MessageChannel channel;
    private final BrokerLink link;
    private final PublishOutcomes outcomes;
    private final Clock clock;

    ReadingPublisher(SensorFleet fleet, ReadingMessages messages, @Qualifier("readingsChannel") MessageChannel channel,
            BrokerLink link, PublishOutcomes outcomes, Clock clock) {
        this.fleet = fleet;
        this.messages = messages;
        this.channel = channel;
        this.link = link;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Publishes one reading per sensor, or what simulated faults make of it. Never throws, so that one bad
     * round does not end the schedule.
     */
    void publishAll() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (SensorReading reading : fleet.read(now)) {
            publish(reading);
        }
    }

    private void publish(SensorReading reading) {
        String refusal = link.refusal();
        if (refusal != null) {
            outcomes.dropped(refusal);
            return;
        }
        try {
            channel.send(messages.toMessage(reading));
            outcomes.published();
            log.debug("Published {}", reading);
        }
        catch (RuntimeException ex) {
            outcomes.failed(NestedExceptionUtils.getMostSpecificCause(ex).toString());
        }
    }
}

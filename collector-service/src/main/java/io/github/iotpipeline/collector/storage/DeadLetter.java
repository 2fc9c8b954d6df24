package io.github.iotpipeline.collector.storage;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message that is not a valid reading, with the reason, as the store takes it for {@code rejected_messages}.
 *
 * @param sensorId the sensor the topic names, so that the rejection counts against it; null when the topic
 *        names none
 * @param reason the reason's code, such as {@code malformed_json}
 * @param payload the payload exactly as received
 * @param redelivered the broker flagged the message as a redelivery: it may be stored already
 */
public record DeadLetter(Instant receivedAt, String topic, @Nullable String sensorId, String reason, String detail,
        byte[] payload, boolean redelivered) {

    /** A dead letter delivered for the first time, on a topic that names no sensor. */
    public DeadLetter(Instant receivedAt, String topic, String reason, String detail, byte[] payload) {
        this(receivedAt, topic, null, reason, detail, payload, false);
    }
}

package io.github.iotpipeline.collector.storage;

import java.time.Instant;

/**
 * A row of {@code rejected_messages} as redrive reads it back: the message as it was received, and why it was
 * refused then.
 */
public record StoredDeadLetter(long id, Instant receivedAt, String topic, String reason, byte[] payload) {
}

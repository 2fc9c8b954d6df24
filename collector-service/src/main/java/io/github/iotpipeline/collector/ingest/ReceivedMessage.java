package io.github.iotpipeline.collector.ingest;

import java.time.Instant;

import io.github.iotpipeline.collector.archive.ArchiveEntry;
import io.github.iotpipeline.model.Decoded;
import org.jspecify.annotations.Nullable;
import org.springframework.integration.acks.SimpleAcknowledgment;

/**
 * One MQTT message as it arrived, with what the contract made of it.
 *
 * @param topic the topic it was published on
 * @param payload the payload bytes, untouched
 * @param receivedAt when the collector received it
 * @param qos the delivery QoS
 * @param retained whether the broker delivered it as a retained message
 * @param duplicate whether the broker flagged it as a redelivery
 * @param decoded the reading, or why it is not one
 * @param acknowledgment the broker acknowledgement, sent once the message is stored; null at QoS 0
 * @param connection the connection it arrived on; an acknowledgement only makes sense on that connection
 */
record ReceivedMessage(
        String topic,
        byte[] payload,
        Instant receivedAt,
        int qos,
        boolean retained,
        boolean duplicate,
        Decoded decoded,
        @Nullable SimpleAcknowledgment acknowledgment,
        long connection) {

    /** The message as the raw archive keeps it. */
    ArchiveEntry archiveEntry() {
        return new ArchiveEntry(receivedAt, topic, qos, retained, duplicate, payload);
    }
}

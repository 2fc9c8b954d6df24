package io.github.iotpipeline.collector.archive;

import java.time.Instant;

/**
 * One message as the raw archive keeps it: exactly as received, with its delivery flags, whatever it holds.
 *
 * @param receivedAt when the collector received it; its UTC day names the file it goes to
 * @param qos the delivery QoS
 * @param retained whether the broker delivered it as a retained message
 * @param duplicate whether the broker flagged it as a redelivery
 * @param payload the payload bytes, untouched
 */
public record ArchiveEntry(Instant receivedAt, String topic, int qos, boolean retained, boolean duplicate,
        byte[] payload) {
}

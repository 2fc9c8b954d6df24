package io.github.iotpipeline.collector.ingest;

import java.time.Instant;

import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.ReadingContract;
import org.springframework.stereotype.Component;

/**
 * What every message goes through, whether it arrives live, is replayed from the archive or redriven from the
 * dead letters: the wire contract, then the timestamp policy as of the moment the message was received.
 */
@Component
class MessageCheck {

    private final ReadingContract contract;
    private final TimestampPolicy timestamps;

    MessageCheck(ReadingContract contract, TimestampPolicy timestamps) {
        this.contract = contract;
        this.timestamps = timestamps;
    }

    Decoded check(String topic, byte[] payload, Instant receivedAt) {
        return timestamps.check(contract.check(topic, payload), receivedAt);
    }
}

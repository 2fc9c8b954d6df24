package io.github.iotpipeline.collector.storage;

import java.time.Instant;

import io.github.iotpipeline.collector.quality.Quality;
import org.jspecify.annotations.Nullable;

/**
 * A reading that passed the contract, with its quality flag, as the store takes it.
 *
 * @param unit the unit the sensor sent, if any
 * @param seq the sensor's sequence number, if it sends one
 * @param receivedAt when the collector received the message
 * @param redelivered the broker flagged the message as a redelivery: a copy found stored is then not the
 *        sensor's doing
 */
public record AcceptedReading(String sensorId, Instant ts, double value, @Nullable String unit, Quality quality,
        @Nullable Long seq, Instant receivedAt, boolean redelivered) {

    /** A reading delivered for the first time. */
    public AcceptedReading(String sensorId, Instant ts, double value, @Nullable String unit, Quality quality,
            @Nullable Long seq, Instant receivedAt) {
        this(sensorId, ts, value, unit, quality, seq, receivedAt, false);
    }
}

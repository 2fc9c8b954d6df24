package io.github.iotpipeline.collector.monitoring;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How one registered sensor is doing.
 *
 * @param sensorId the sensor
 * @param status {@code ok}, {@code late} or {@code silent}, by the sensor's late_after and silent_after
 * @param staleness time since a reading of it was last received; null if none ever was
 * @param lastReceivedAt when its newest reading was received; null if none ever was
 * @param completeness readings received over readings expected from its nominal interval, over the
 *        completeness window (or since its first reading, if that is later)
 */
record SensorStatus(String sensorId, String status, @Nullable Duration staleness, @Nullable Instant lastReceivedAt,
        double completeness) {

    boolean silent() {
        return "silent".equals(status);
    }

    boolean late() {
        return "late".equals(status);
    }
}

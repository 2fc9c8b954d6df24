package io.github.iotpipeline.model;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * One measurement as it travels over MQTT.
 *
 * @param sensorId the sensor that measured it; must equal the sensor id in the topic
 * @param timestamp when it was measured, as an instant (the wire form carries a zone offset)
 * @param value the measured value, always finite
 * @param unit optional unit as the device reports it, for example {@code °C}
 * @param seq optional per-sensor sequence number, for spotting gaps and replays
 */
public record SensorReading(
        @NotNull @Size(min = 1, max = SensorReading.MAX_SENSOR_ID_LENGTH)
        @SensorIdFormat String sensorId,
        @NotNull Instant timestamp,
        @Finite double value,
        @Size(max = SensorReading.MAX_UNIT_LENGTH)
        @WithoutControlCharacters @Nullable String unit,
        @PositiveOrZero @Nullable Long seq) {

    /** Sensor ids become MQTT topic levels and database keys: keep them short and free of separators. */
    public static final String SENSOR_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";

    public static final int MAX_SENSOR_ID_LENGTH = 64;

    public static final int MAX_UNIT_LENGTH = 32;

    /** A reading with only the required fields. */
    public static SensorReading of(String sensorId, Instant timestamp, double value) {
        return new SensorReading(sensorId, timestamp, value, null, null);
    }
}

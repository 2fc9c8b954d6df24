package io.github.iotpipeline.collector.monitoring;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sensors are watched.
 *
 * @param pollInterval how often staleness and completeness are read from the database
 * @param completenessWindow how far back completeness counts, from the start of the minute this reaches
 *        into up to now (or from the sensor's first reading, if later)
 */
@Validated
@ConfigurationProperties("collector.sensor-monitor")
record SensorMonitorProperties(
        @DefaultValue("15s") @DurationMin(seconds = 1) Duration pollInterval,
        @DefaultValue("10m") @DurationMin(minutes = 1) Duration completenessWindow) {
}

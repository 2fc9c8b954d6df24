package io.github.iotpipeline.collector.quality;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fresh the collector's copy of the sensor registry is.
 *
 * @param refreshInterval reload the registry at least this often
 * @param missRefreshInterval on a reading from an unknown sensor, reload if the copy is older than this
 */
@ConfigurationProperties("collector.sensors")
record QualityProperties(
        @DefaultValue("60s") Duration refreshInterval,
        @DefaultValue("10s") Duration missRefreshInterval) {
}

package io.github.iotpipeline.generator;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the generator simulates and how fast it publishes.
 *
 * @param sensorCount how many sensors to simulate; past five, the five profiles repeat
 * @param interval time between two readings of the same sensor
 * @param spikeProbability chance that a reading is an out-of-range spike, as a faulty device would send
 * @param seed makes the simulated series repeatable; a random one is chosen (and logged) when absent
 * @param qos MQTT quality of service of each publication
 * @param maxInflight publications the generator lets wait for the broker's acknowledgement before it drops
 *        readings instead of queueing them
 */
@Validated
@ConfigurationProperties("generator")
public record GeneratorProperties(
        @DefaultValue("5") @Min(1) @Max(10_000) int sensorCount,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration interval,
        @DefaultValue("0.005") @DecimalMin("0.0") @DecimalMax("1.0") double spikeProbability,
        @Nullable Long seed,
        @DefaultValue("1") @Min(0) @Max(2) int qos,
        @DefaultValue("1000") @Min(1) @Max(65_535) int maxInflight) {
}

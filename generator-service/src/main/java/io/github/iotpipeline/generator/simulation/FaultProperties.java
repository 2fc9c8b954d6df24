package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Faults the simulated sensors can show, so that the data-quality checks downstream have something to find.
 * Each fault names the sensors that show it, such as {@code sensor-2}; with no sensors named, it is off, and
 * all are off by default.
 *
 * @param dropout the sensor goes offline for a while, again and again
 * @param stuck the sensor repeats one value for a while, again and again
 * @param spikes the sensor sends out-of-range spikes more (or less) often than the others
 * @param clockDrift the sensor's clock is off and drifts further
 * @param duplicates the sensor sends some readings twice
 * @param lateBurst the sensor holds its readings back for a while and then sends them all at once
 */
@Validated
@ConfigurationProperties("generator.faults")
record FaultProperties(
        @DefaultValue @Valid Dropout dropout,
        @DefaultValue @Valid Stuck stuck,
        @DefaultValue @Valid Spikes spikes,
        @DefaultValue @Valid ClockDrift clockDrift,
        @DefaultValue @Valid Duplicates duplicates,
        @DefaultValue @Valid LateBurst lateBurst) {

    /** A fault that comes back in a {@link FaultWindow}: the last {@code duration} of every {@code period}. */
    interface Recurring {

        Duration period();

        Duration duration();

        @AssertTrue(message = "duration must be shorter than period")
        default boolean isDurationShorterThanPeriod() {
            return period() == null || duration() == null || duration().compareTo(period()) < 0;
        }

        default FaultWindow window() {
            return new FaultWindow(period(), duration());
        }
    }

    /**
     * @param sensors sensors that publish nothing during the window; their {@code seq} keeps counting
     * @param period how often the sensors go offline
     * @param duration how long they stay offline each time
     */
    record Dropout(
            @DefaultValue List<String> sensors,
            @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration period,
            @DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration duration) implements Recurring {
    }

    /**
     * @param sensors sensors that, during the window, report the last value they reported before it
     * @param period how often the sensors get stuck
     * @param duration how long they stay stuck each time
     */
    record Stuck(
            @DefaultValue List<String> sensors,
            @DefaultValue("10m") @NotNull @DurationMin(millis = 1) Duration period,
            @DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration duration) implements Recurring {
    }

    /**
     * @param sensors sensors whose spike probability is {@code probability} instead of
     *        {@code generator.spike-probability}
     * @param probability chance that a reading of these sensors is an out-of-range spike
     */
    record Spikes(
            @DefaultValue List<String> sensors,
            @DefaultValue("0.05") @DecimalMin("0.0") @DecimalMax("1.0") double probability) {
    }

    /**
     * @param sensors sensors whose timestamps are off
     * @param offset how far ahead of real time (negative: behind) the timestamps are from the start
     * @param driftPerMinute how much further ahead (negative: behind) they get per minute of the run
     */
    record ClockDrift(
            @DefaultValue List<String> sensors,
            @DefaultValue("0s") @NotNull Duration offset,
            @DefaultValue("1s") @NotNull Duration driftPerMinute) {
    }

    /**
     * @param sensors sensors that send some readings twice, back to back
     * @param probability chance that a reading of these sensors is sent twice
     */
    record Duplicates(
            @DefaultValue List<String> sensors,
            @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double probability) {
    }

    /**
     * @param sensors sensors that hold back their readings during the window and send them all, in order and
     *        with their original timestamps, when it ends
     * @param period how often the sensors hold readings back
     * @param duration how long they hold them back each time, and so how late the earliest ones arrive
     */
    record LateBurst(
            @DefaultValue List<String> sensors,
            @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration period,
            @DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration duration) implements Recurring {
    }
}

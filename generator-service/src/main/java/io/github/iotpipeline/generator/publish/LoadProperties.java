package io.github.iotpipeline.generator.publish;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Load mode: instead of one reading per sensor per interval, publish a fixed workload as fast as asked, for
 * measuring the pipeline's capacity. No reading is dropped: when the broker's in-flight window is full, the
 * run waits for acknowledgements, so every sequence number of every sensor is published exactly once.
 *
 * @param enabled run the load instead of the interval schedule
 * @param rate total readings per second over all sensors; 0 publishes as fast as the broker takes them
 * @param count readings to publish in all; 0 means no limit (then {@code duration} must end the run)
 * @param duration how long to publish; empty means no limit (then {@code count} must end the run)
 * @param exitWhenDone stop the generator once the run is over and every publication is acknowledged
 */
@Validated
@ConfigurationProperties("generator.load")
public record LoadProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("0") @Min(0) long rate,
        @DefaultValue("0") @Min(0) long count,
        @Nullable Duration duration,
        @DefaultValue("true") boolean exitWhenDone) {

    boolean bounded() {
        return count > 0 || (duration != null && !duration.isZero());
    }
}

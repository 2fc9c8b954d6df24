package io.github.iotpipeline.collector.retention;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long raw rows of {@code measurements} are kept.
 *
 * @param keepMeasurements age (by reading timestamp) after which measurements are deleted; empty keeps them
 *        forever. Rollups and raw archive files are never deleted.
 * @param checkInterval how often expired rows are looked for; the first check runs a minute after startup
 * @param batchLimit rows deleted per transaction, so that a first run over years of data is many short
 *        transactions rather than one long one
 */
@Validated
@ConfigurationProperties("collector.retention")
public record RetentionProperties(
        @Nullable @DurationMin(hours = 1) Duration keepMeasurements,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration checkInterval,
        @DefaultValue("10000") @Min(1) int batchLimit) {

    public boolean enabled() {
        return keepMeasurements != null && !keepMeasurements.isZero();
    }
}

package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.github.iotpipeline.model.SensorReading;

/**
 * The sensor's clock is off by {@code offset} from the start and gains {@code driftPerMinute} (loses, when
 * negative) for every minute of the run. Timestamps are cut to milliseconds, as the wire form carries them.
 */
record ClockDriftFault(Duration offset, Duration driftPerMinute) implements SensorFault {

    private static final long MILLIS_PER_MINUTE = Duration.ofMinutes(1).toMillis();

    @Override
    public List<SensorReading> apply(SensorReading reading, Duration elapsed) {
        return List.of(new SensorReading(reading.sensorId(), skewed(reading.timestamp(), elapsed), reading.value(),
                reading.unit(), reading.seq()));
    }

    private Instant skewed(Instant timestamp, Duration elapsed) {
        // Duration arithmetic is exact, so a long run does not overflow as nanoseconds times nanoseconds would.
        Duration drift = driftPerMinute.multipliedBy(elapsed.toMillis()).dividedBy(MILLIS_PER_MINUTE);
        return timestamp.plus(offset).plus(drift).truncatedTo(ChronoUnit.MILLIS);
    }
}

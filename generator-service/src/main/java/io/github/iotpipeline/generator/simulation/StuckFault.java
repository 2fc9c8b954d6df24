package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.util.List;

import io.github.iotpipeline.model.SensorReading;
import org.jspecify.annotations.Nullable;

/**
 * During its window the sensor reports, bit for bit, the last value it reported before the window started,
 * as a frozen sensor element would; timestamps and {@code seq} go on as usual. The sensor keeps measuring
 * underneath, so its series picks up where it would have been once the window ends.
 */
final class StuckFault implements SensorFault {

    private final FaultWindow window;
    private @Nullable Double lastValue;

    StuckFault(FaultWindow window) {
        this.window = window;
    }

    @Override
    public List<SensorReading> apply(SensorReading reading, Duration elapsed) {
        if (lastValue == null || !window.contains(elapsed)) {
            lastValue = reading.value();
            return List.of(reading);
        }
        return List.of(new SensorReading(reading.sensorId(), reading.timestamp(), lastValue, reading.unit(),
                reading.seq()));
    }
}

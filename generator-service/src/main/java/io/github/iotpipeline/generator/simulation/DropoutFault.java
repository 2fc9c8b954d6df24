package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.util.List;

import io.github.iotpipeline.model.SensorReading;

/**
 * During its window the sensor is offline and nothing of it is published. It still takes its readings, so
 * its {@code seq} jumps across the gap, as a device that buffers nothing would show it.
 */
record DropoutFault(FaultWindow window) implements SensorFault {

    @Override
    public List<SensorReading> apply(SensorReading reading, Duration elapsed) {
        return window.contains(elapsed) ? List.of() : List.of(reading);
    }
}

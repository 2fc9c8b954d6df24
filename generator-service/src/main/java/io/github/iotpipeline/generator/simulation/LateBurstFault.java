package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.iotpipeline.model.SensorReading;

/**
 * During its window the sensor's readings are held back; with its first reading after the window, all of them
 * are published at once, in order and with their original timestamps, as a device that buffered while its
 * uplink was down would send them. Readings still held when the fleet stops are never published.
 */
final class LateBurstFault implements SensorFault {

    private final FaultWindow window;
    private final List<SensorReading> held = new ArrayList<>();

    LateBurstFault(FaultWindow window) {
        this.window = window;
    }

    @Override
    public List<SensorReading> apply(SensorReading reading, Duration elapsed) {
        if (window.contains(elapsed)) {
            held.add(reading);
            return List.of();
        }
        if (held.isEmpty()) {
            return List.of(reading);
        }
        List<SensorReading> burst = new ArrayList<>(held);
        burst.add(reading);
        held.clear();
        return burst;
    }
}

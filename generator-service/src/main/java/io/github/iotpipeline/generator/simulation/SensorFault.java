package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.util.List;

import io.github.iotpipeline.model.SensorReading;

/**
 * One simulated fault as it acts on one sensor. A fault either changes a setting of the sensor or acts on each
 * reading the sensor takes; one that keeps state keeps it for its own sensor only.
 */
interface SensorFault {

    /** The spike probability the sensor runs with, given the one it would run with otherwise. */
    default double spikeProbability(double otherwise) {
        return otherwise;
    }

    /**
     * What is published of a reading taken {@code elapsed} after the fleet's first one: nothing, the reading
     * itself or an altered copy, or several readings, in the order they are to be published.
     */
    default List<SensorReading> apply(SensorReading reading, Duration elapsed) {
        return List.of(reading);
    }
}

package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import io.github.iotpipeline.model.SensorReading;

/**
 * With some probability a reading is published twice, back to back and identical, as after a retry whose
 * first attempt did arrive. The draw comes from the sensor's own generator, so other sensors' series are
 * unaffected.
 */
final class DuplicateFault implements SensorFault {

    private final double probability;
    private final RandomGenerator random;

    DuplicateFault(double probability, RandomGenerator random) {
        this.probability = probability;
        this.random = random;
    }

    @Override
    public List<SensorReading> apply(SensorReading reading, Duration elapsed) {
        return random.nextDouble() < probability ? List.of(reading, reading) : List.of(reading);
    }
}

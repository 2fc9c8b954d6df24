package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.util.List;

import io.github.iotpipeline.model.SensorReading;

/** The faults one sensor shows, applied in the order the {@link FaultPlan} gives them. */
final class SensorFaults {

    private final List<SensorFault> faults;

    SensorFaults(List<SensorFault> faults) {
        this.faults = List.copyOf(faults);
    }

    double spikeProbability(double otherwise) {
        double probability = otherwise;
        for (SensorFault fault : faults) {
            probability = fault.spikeProbability(probability);
        }
        return probability;
    }

    /** The readings to publish of one reading taken, in order; each fault acts on what the previous left. */
    List<SensorReading> apply(SensorReading reading, Duration elapsed) {
        List<SensorReading> readings = List.of(reading);
        for (SensorFault fault : faults) {
            readings = readings.stream().flatMap(each -> fault.apply(each, elapsed).stream()).toList();
        }
        return readings;
    }
}

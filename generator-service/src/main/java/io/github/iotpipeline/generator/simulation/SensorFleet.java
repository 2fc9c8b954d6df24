package io.github.iotpipeline.generator.simulation;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.github.iotpipeline.model.SensorReading;

/**
 * The simulated sensors {@code sensor-1} … {@code sensor-N}. The five profiles repeat in order past the fifth
 * sensor. Given the same seed and size, a fleet produces the same series of values. Not thread-safe.
 */
public final class SensorFleet {

    private static final SensorProfile[] PROFILES = SensorProfile.values();

    private final List<SimulatedSensor> sensors;

    private SensorFleet(List<SimulatedSensor> sensors) {
        this.sensors = sensors;
    }

    public static SensorFleet create(int size, double spikeProbability, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        // Each sensor gets its own generator, so one sensor's spikes do not shift another's series.
        List<SimulatedSensor> sensors = IntStream.range(0, size)
                .mapToObj(index -> new SimulatedSensor(idOf(index), PROFILES[index % PROFILES.length],
                        spikeProbability, root.split()))
                .toList();
        return new SensorFleet(sensors);
    }

    /** One reading from every sensor, all stamped with the same instant. */
    public List<SensorReading> read(Instant timestamp) {
        return sensors.stream().map(sensor -> sensor.read(timestamp)).toList();
    }

    public int size() {
        return sensors.size();
    }

    List<SimulatedSensor> sensors() {
        return sensors;
    }

    private static String idOf(int index) {
        return "sensor-" + (index + 1);
    }
}

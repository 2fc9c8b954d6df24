package io.github.iotpipeline.generator.simulation;

import java.time.Instant;
import java.util.random.RandomGenerator;

import io.github.iotpipeline.model.SensorReading;

/**
 * One simulated device: baseline plus bounded drift plus Gaussian noise, kept inside the plausible range,
 * except for the occasional spike that lands well outside it. Not thread-safe; one scheduler drives it.
 */
final class SimulatedSensor {

    /** Spikes overshoot the range by 10 % to 50 % of its span, so no rounding brings them back inside. */
    private static final double MIN_OVERSHOOT = 0.1;
    private static final double EXTRA_OVERSHOOT = 0.4;

    private final String id;
    private final SensorProfile profile;
    private final double spikeProbability;
    private final RandomGenerator random;
    private final BoundedDrift drift;
    private long seq;

    SimulatedSensor(String id, SensorProfile profile, double spikeProbability, RandomGenerator random) {
        this.id = id;
        this.profile = profile;
        this.spikeProbability = spikeProbability;
        this.random = random;
        this.drift = new BoundedDrift(profile.driftStep(), profile.maxDrift());
    }

    String id() {
        return id;
    }

    SensorProfile profile() {
        return profile;
    }

    /** Takes the next reading; {@code seq} counts from 0. */
    SensorReading read(Instant timestamp) {
        // The drift advances on every reading, spike or not, so a spike does not freeze the walk.
        double offset = drift.next(random);
        double value = random.nextDouble() < spikeProbability ? spike() : normal(offset);
        return new SensorReading(id, timestamp, profile.round(value), profile.unit(), seq++);
    }

    private double normal(double offset) {
        double value = profile.baseline() + offset + random.nextGaussian() * profile.noise();
        return profile.clampToRange(value);
    }

    private double spike() {
        double overshoot = profile.span() * (MIN_OVERSHOOT + EXTRA_OVERSHOOT * random.nextDouble());
        return random.nextBoolean() ? profile.max() + overshoot : profile.min() - overshoot;
    }
}

package io.github.iotpipeline.generator.simulation;

import java.util.random.RandomGenerator;

/**
 * A random walk that is pulled back toward zero and never leaves {@code ±limit}: a sensor wanders the way a
 * room warms up and cools down, but never drifts off for good.
 */
final class BoundedDrift {

    /** Share of the offset given back each step; the walk halves its distance to zero in about 70 steps. */
    static final double REVERSION = 0.01;

    private final double step;
    private final double limit;
    private double offset;

    BoundedDrift(double step, double limit) {
        this.step = step;
        this.limit = limit;
    }

    /** Takes one step and returns the new offset from the baseline. */
    double next(RandomGenerator random) {
        double walked = offset * (1 - REVERSION) + random.nextGaussian() * step;
        offset = Math.max(-limit, Math.min(limit, walked));
        return offset;
    }
}

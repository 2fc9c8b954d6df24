package io.github.iotpipeline.generator.simulation;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedDriftTests {

    private final SplittableRandom random = new SplittableRandom(1);

    @Test
    void neverLeavesItsLimitEvenWithLargeSteps() {
        BoundedDrift drift = new BoundedDrift(1.0, 2.0);
        double lowest = 0;
        double highest = 0;

        for (int i = 0; i < 100_000; i++) {
            double offset = drift.next(random);
            lowest = Math.min(lowest, offset);
            highest = Math.max(highest, offset);
        }

        assertThat(lowest).isEqualTo(-2.0);
        assertThat(highest).isEqualTo(2.0);
    }

    @Test
    void isPulledBackTowardZeroRatherThanWanderingOff() {
        // Unbounded, a plain random walk of 100,000 unit steps spreads to about ±316;
        // the pull back keeps it near step / sqrt(2 * REVERSION), about 7.
        BoundedDrift drift = new BoundedDrift(1.0, Double.MAX_VALUE);
        double sumOfSquares = 0;
        int steps = 100_000;

        for (int i = 0; i < steps; i++) {
            double offset = drift.next(random);
            sumOfSquares += offset * offset;
        }

        assertThat(Math.sqrt(sumOfSquares / steps)).isBetween(5.0, 10.0);
    }
}

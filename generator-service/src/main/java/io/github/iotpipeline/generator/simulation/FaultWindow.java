package io.github.iotpipeline.generator.simulation;

import java.time.Duration;

/**
 * A fault that comes back once per {@code period} and lasts for the last {@code duration} of it. Time is
 * counted from the fleet's first reading, so the first reading of a run is never inside the window and a
 * stuck sensor always has a value to repeat.
 *
 * @param period how often the fault comes back
 * @param duration how long it lasts each time; shorter than the period
 */
record FaultWindow(Duration period, Duration duration) {

    FaultWindow {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(period) >= 0) {
            throw new IllegalArgumentException(
                    "duration (" + duration + ") must be positive and shorter than period (" + period + ")");
        }
    }

    /** Whether a reading taken this long after the fleet's first one falls inside the window. */
    boolean contains(Duration elapsed) {
        long intoPeriod = Math.floorMod(elapsed.toNanos(), period.toNanos());
        return intoPeriod >= period.minus(duration).toNanos();
    }

    @Override
    public String toString() {
        return "the last " + duration + " of every " + period;
    }
}

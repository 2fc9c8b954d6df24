package io.github.iotpipeline.collector.background;

import java.time.Duration;

/**
 * Exponential backoff for a retry loop: each wait twice the one before, up to a maximum, and back to the first
 * after a success. Not thread-safe: each loop owns one.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("Backoff waits cannot be negative: " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; the one after it is twice as long, up to the maximum. */
    public Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    /** After a success: the next failure waits the initial time again. */
    public void reset() {
        next = initial;
    }
}

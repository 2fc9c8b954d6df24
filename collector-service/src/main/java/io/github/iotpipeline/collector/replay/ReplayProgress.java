package io.github.iotpipeline.collector.replay;

import java.time.Duration;

import org.slf4j.Logger;

/** Prints how far the replay is, every few seconds: day, lines, readings per second, time left. */
final class ReplayProgress {

    private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final Logger out;
    private final int days;
    private final long started = System.nanoTime();
    private long lastPrinted = started;
    private long finishedLines;

    ReplayProgress(Logger out, int days) {
        this.out = out;
        this.days = days;
    }

    /**
     * Prints where the replay is, if it has not for a while: at the day at {@code index} (from 0), of which
     * {@code dayDone} (0 to 1) and {@code dayLines} lines are read. The time left assumes the days left are like those
     * read.
     */
    void advanced(int index, String day, double dayDone, long dayLines) {
        long lines = finishedLines + dayLines;
        long now = System.nanoTime();
        if (now - lastPrinted < EVERY_NANOS) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        double done = index + Math.min(1, Math.max(0, dayDone));
        String left = done <= 0 ? "" : String.format(", about %d s left", Math.round(seconds * (days - done) / done));
        out.info(String.format("replay: day %d of %d (%s), %,d lines, %,d lines/s%s", index + 1, days, day, lines,
                Math.round(lines / seconds), left));
    }

    /** A day is replayed, with so many lines. */
    void counted(long dayLines) {
        finishedLines += dayLines;
    }

    long lines() {
        return finishedLines;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}

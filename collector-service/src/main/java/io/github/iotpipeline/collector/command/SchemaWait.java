package io.github.iotpipeline.collector.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits until the schema is migrated, which the collector does in the background as it starts (and waits for
 * a database that is not up yet): a command writes nothing before.
 */
public final class SchemaWait {

    private static final Duration LIMIT = Duration.ofMinutes(2);

    private SchemaWait() {
    }

    /** Returns once {@code ready}; an IllegalStateException if it is not within two minutes. */
    public static void until(BooleanSupplier ready, Clock clock) throws InterruptedException {
        Instant deadline = clock.instant().plus(LIMIT);
        while (!ready.getAsBoolean()) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("the database schema was not ready within " + LIMIT);
            }
            Thread.sleep(200);
        }
    }
}

package io.github.iotpipeline.collector.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A task repeated with a fixed delay on a daemon thread of its own. The collector's background jobs use it
 * rather than the shared task scheduler, so a slow job never delays the MQTT client's reconnects.
 */
public final class PeriodicTask {

    private final String name;
    private final Runnable task;
    private final Duration firstDelay;
    private final Duration delay;
    private @Nullable ScheduledExecutorService executor;

    public PeriodicTask(String name, Runnable task, Duration firstDelay, Duration delay) {
        this.name = name;
        this.task = task;
        this.firstDelay = firstDelay;
        this.delay = delay;
    }

    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(task, firstDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }
}

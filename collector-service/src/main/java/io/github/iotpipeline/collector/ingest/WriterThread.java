package io.github.iotpipeline.collector.ingest;

import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffer's own thread: repeats a step until stopped, idling after a step that found nothing to do. A step
 * that throws is logged and the loop goes on, so one unforeseen failure cannot stop the writes for good.
 */
final class WriterThread {

    private static final Logger log = LoggerFactory.getLogger(WriterThread.class);

    private final String name;
    private final BooleanSupplier step;
    private final Runnable idle;
    private volatile @Nullable Thread thread;
    private volatile boolean running;

    /**
     * @param step does one piece of work; false when there was none
     * @param idle waits a little, or until there may be work
     */
    WriterThread(String name, BooleanSupplier step, Runnable idle) {
        this.name = name;
        this.step = step;
        this.idle = idle;
    }

    void start() {
        running = true;
        Thread started = new Thread(this::run, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Ends the loop after the step in progress; {@link #join} waits for that. */
    void requestStop() {
        running = false;
    }

    void join() {
        Thread current = thread;
        if (current != null) {
            try {
                current.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (!step.getAsBoolean()) {
                    idle.run();
                }
            }
            catch (RuntimeException ex) {
                log.error("Buffer writer step failed", ex);
            }
        }
    }
}

package io.github.iotpipeline.generator.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.iotpipeline.generator.GeneratorProperties;
import io.github.iotpipeline.generator.simulation.SensorFleet;
import io.github.iotpipeline.model.SensorReading;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * Publishes the load-mode workload on a thread of its own: round after round of readings from every sensor,
 * each stamped when it is published (so that the collector can measure publish-to-commit latency), paced to
 * the target rate, and never more unacknowledged publications than the in-flight window allows.
 */
@Component
@ConditionalOnProperty(prefix = "generator.load", name = "enabled", havingValue = "true")
class LoadRun implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LoadRun.class);
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final Duration ACKNOWLEDGEMENT_TIMEOUT = Duration.ofSeconds(60);

    private final SensorFleet fleet;
    private final ReadingMessages messages;
    private final MessageChannel channel;
    private final BrokerLink link;
    private final PublishOutcomes outcomes;
    private final Clock clock;
    private final LoadProperties load;
    private final int window;
    private final ApplicationContext context;
    private final Map<String, Instant> lastStamp = new HashMap<>();
    private volatile boolean running;
    private @Nullable Thread thread;
    /** Readings handed to the client so far; with the outcomes, what is still unacknowledged. */
    private long sent;

    LoadRun(SensorFleet fleet, ReadingMessages messages, @Qualifier("readingsChannel") MessageChannel channel,
            BrokerLink link, PublishOutcomes outcomes, Clock clock, LoadProperties load,
            GeneratorProperties generator, ApplicationContext context) {
        if (!load.bounded()) {
            throw new IllegalArgumentException("generator.load needs a count or a duration to end the run");
        }
        this.fleet = fleet;
        this.messages = messages;
        this.channel = channel;
        this.link = link;
        this.outcomes = outcomes;
        this.clock = clock;
        this.load = load;
        this.window = generator.maxInflight();
        this.context = context;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "load-run");
        thread.start();
    }

    private void run() {
        awaitConnection();
        long limit = load.count() > 0 ? load.count() : Long.MAX_VALUE;
        long deadline = load.duration() == null ? Long.MAX_VALUE : System.nanoTime() + load.duration().toNanos();
        log.info("Load run: {} sensors, {} readings/s, {} readings or {}, in-flight window {}", fleet.size(),
                load.rate() == 0 ? "as many" : load.rate(), load.count() == 0 ? "unlimited" : load.count(),
                load.duration() == null ? "no time limit" : load.duration(), window);
        long started = System.nanoTime();
        rounds:
        while (running) {
            for (SensorReading reading : fleet.read(clock.instant())) {
                if (sent >= limit || System.nanoTime() >= deadline || !running) {
                    break rounds;
                }
                pace(sent, started);
                publish(reading);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean acknowledged = awaitAcknowledgements();
        // Acknowledged is what the broker accepted: the pipeline's promise starts there.
        log.info("Load run done: {} readings in {} s = {} readings/s; {} acknowledged by the broker, {} failed{}",
                sent, String.format("%.1f", seconds), Math.round(sent / seconds), outcomes.delivered(),
                outcomes.failedCount(), acknowledged ? "" : "; some never acknowledged");
        if (load.exitWhenDone() && running) {
            // Not on this thread's stack: closing the context stops this lifecycle, which joins this thread.
            Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context)), "load-run-exit");
            exit.start();
        }
    }

    /** Sleeps until reading number {@code number} is due; ahead by less than a millisecond is on time. */
    private void pace(long number, long started) {
        if (load.rate() == 0) {
            return;
        }
        long due = started + (long) (number * 1e9 / load.rate());
        long early = due - System.nanoTime();
        if (early > TimeUnit.MILLISECONDS.toNanos(1)) {
            LockSupport.parkNanos(early);
        }
    }

    private void publish(SensorReading reading) {
        SensorReading stamped = new SensorReading(reading.sensorId(), stamp(reading.sensorId()), reading.value(),
                reading.unit(), reading.seq());
        while (running) {
            awaitWindow();
            try {
                channel.send(messages.toMessage(stamped));
                sent++;
                outcomes.published();
                return;
            }
            catch (RuntimeException ex) {
                // Usually the client's own in-flight limit, reached between the check and the send: wait, retry.
                log.debug("Publishing failed, retrying: {}", ex.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    /** Now, to the microsecond, and always after the sensor's previous reading: its key must stay unique. */
    private Instant stamp(String sensorId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant previous = lastStamp.get(sensorId);
        Instant stamp = previous != null && !now.isAfter(previous) ? previous.plus(1, ChronoUnit.MICROS) : now;
        lastStamp.put(sensorId, stamp);
        return stamp;
    }

    /**
     * Waits while the window is full, counted from what this run handed to the client and what the broker
     * has acknowledged since. The client's own in-flight count would not do: it leaves out publications still
     * queued for its sender thread, so a send checked against it can still find the client full. Paho refuses
     * such a send only after taking a message id, which it never gives back: with the broker behind and the
     * window full, searching past those ids for a free one took a sixth of the generator's CPU.
     */
    private void awaitWindow() {
        while (running && (!link.isConnected() || unacknowledged() >= window)) {
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    private long unacknowledged() {
        return sent - outcomes.delivered() - outcomes.failedCount();
    }

    private void awaitConnection() {
        while (running && !link.isConnected()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private boolean awaitAcknowledgements() {
        long deadline = System.nanoTime() + ACKNOWLEDGEMENT_TIMEOUT.toNanos();
        while (link.inFlight() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return link.inFlight() == 0;
    }

    @Override
    public void stop() {
        running = false;
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}

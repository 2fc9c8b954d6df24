package io.github.iotpipeline.collector.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Collects messages until there are {@code size} of them or the oldest has waited its flush age, then has
 * them written. While a write fails the batch is kept and retried with exponential backoff, and nothing is
 * acknowledged: the broker's in-flight window (the Receive Maximum) stops further deliveries, which bounds
 * the memory this buffer can take.
 * <p>
 * Writing happens under the lock, on whichever thread triggered it: the MQTT callback thread when the batch
 * fills, the timer thread when it ages. Blocking the callback thread during a write is the backpressure.
 */
@Component
public class ReadingBuffer implements SmartLifecycle {

    /** Runs before the inbound adapter stops (higher phases stop first), so the buffer drains while acks can still go out. */
    static final int PHASE = Integer.MAX_VALUE - 1000;

    private static final Logger log = LoggerFactory.getLogger(ReadingBuffer.class);
    private static final Duration TICK = Duration.ofMillis(50);

    private final ReentrantLock lock = new ReentrantLock();
    private final List<ReceivedMessage> pending = new ArrayList<>();
    private final BatchWriter writer;
    private final BatchProperties properties;
    private final Clock clock;

    private ScheduledExecutorService timer;
    private Batch failed;
    private Duration backoff;
    private Instant nextAttempt = Instant.MIN;
    private volatile BufferStatus status = BufferStatus.initial();

    ReadingBuffer(BatchWriter writer, BatchProperties properties, Clock clock) {
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
        this.backoff = properties.retryBackoff();
    }

    void add(ReceivedMessage message) {
        lock.lock();
        try {
            pending.add(message);
            if (failed == null && pending.size() >= properties.size()) {
                flush();
            }
            updateStatus();
        }
        finally {
            lock.unlock();
        }
    }

    /** What an operator needs to know about the buffer right now. */
    public BufferStatus status() {
        return status;
    }

    void tick() {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (failed != null) {
                if (!now.isBefore(nextAttempt)) {
                    attempt(failed);
                }
            }
            else if (!pending.isEmpty() && (pending.size() >= properties.size()
                    || !pending.get(0).receivedAt().plus(properties.flushAge()).isAfter(now))) {
                flush();
            }
            updateStatus();
        }
        catch (RuntimeException ex) {
            log.error("Buffer tick failed", ex);
        }
        finally {
            lock.unlock();
        }
    }

    private void flush() {
        List<ReceivedMessage> taken = new ArrayList<>(pending.subList(0, Math.min(pending.size(), properties.size())));
        pending.subList(0, taken.size()).clear();
        attempt(new Batch(taken));
    }

    private void attempt(Batch batch) {
        Instant started = clock.instant();
        try {
            writer.write(batch);
            failed = null;
            backoff = properties.retryBackoff();
            status = status.succeeded(clock.instant(), Duration.between(started, clock.instant()));
        }
        catch (RuntimeException ex) {
            failed = batch;
            nextAttempt = clock.instant().plus(backoff);
            log.warn("Writing {} messages failed (attempt {}), retrying in {} ms: {}", batch.size(),
                    status.consecutiveFailures() + 1, backoff.toMillis(), ex.getMessage());
            backoff = min(backoff.multipliedBy(2), properties.maxRetryBackoff());
            status = status.failed(ex.getMessage());
        }
    }

    private void updateStatus() {
        int buffered = pending.size() + (failed == null ? 0 : failed.size());
        Instant oldest = failed != null ? failed.messages().get(0).receivedAt()
                : pending.isEmpty() ? null : pending.get(0).receivedAt();
        status = status.withContents(buffered, oldest);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reading-buffer-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes what is buffered, once; what cannot be written stays unacknowledged for the broker to redeliver. */
    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        lock.lock();
        try {
            if (failed != null) {
                attempt(failed);
            }
            while (failed == null && !pending.isEmpty()) {
                flush();
            }
            int left = pending.size() + (failed == null ? 0 : failed.size());
            if (left > 0) {
                log.warn("Stopping with {} messages unwritten; the broker will deliver them again", left);
            }
            pending.clear();
            failed = null;
            updateStatus();
        }
        finally {
            lock.unlock();
        }
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

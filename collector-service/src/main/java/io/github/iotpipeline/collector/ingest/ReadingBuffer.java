package io.github.iotpipeline.collector.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Collects messages until there are {@code size} of them or the oldest has waited its flush age, then has
 * them written by a writer thread of its own, up to {@code max-size} at a time and at most once per
 * {@code min-interval} (unless a batch is at its maximum). The MQTT callback thread only
 * appends, so messages keep arriving while a batch is written; under load they pile up meanwhile and the
 * next batch takes them all, so batches grow with the load and each write (one fsync, one transaction) is
 * shared by more readings.
 * <p>
 * While a write fails the batch is kept and retried with exponential backoff, nothing else is written (order
 * matters for the acknowledgements) and nothing is acknowledged. Memory stays bounded because the buffer
 * holds at most {@code max-buffered} messages: beyond that {@link #add} waits, which holds the broker back
 * through TCP (the broker's Receive Maximum is not relied on; Mosquitto was seen to exceed it).
 */
@Component
public class ReadingBuffer implements SmartLifecycle {

    /** Runs before the inbound adapter stops (higher phases stop first), so the buffer drains while acks can still go out. */
    static final int PHASE = Integer.MAX_VALUE - 1000;

    private static final Logger log = LoggerFactory.getLogger(ReadingBuffer.class);
    private static final Duration TICK = Duration.ofMillis(50);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition full = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();
    private final List<ReceivedMessage> pending = new ArrayList<>();
    private final BatchWriter writer;
    private final BatchProperties properties;
    private final Clock clock;

    private volatile Thread writerThread;
    private volatile boolean running;
    /** Set by {@link #stop}: messages arriving after it are not taken, so that stopping ends under any load. */
    private boolean closed;
    private int refusedWhileClosed;
    /** The batch being written, or the one that failed and waits for its retry; at most one at a time. */
    private Batch current;
    private boolean currentFailed;
    private Duration backoff;
    private Instant nextAttempt = Instant.MIN;
    private Instant lastWriteStarted = Instant.MIN;
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
            awaitRoom();
            if (closed) {
                // Left unacknowledged: the broker keeps it in the session and delivers it again on the next
                // connection, to this process if it starts again or to the next one.
                refusedWhileClosed++;
                return;
            }
            pending.add(message);
            if (pending.size() == properties.size()) {
                full.signal();
            }
            updateStatus();
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Holds the MQTT callback thread while the buffer is at its limit, until a write frees room: memory stays
     * bounded through a database outage whatever the broker sends. Not while stopped: what arrives then is
     * simply left unacknowledged.
     */
    private void awaitRoom() {
        try {
            while (running && !closed && buffered() >= properties.maxBuffered()) {
                roomFreed.await(TICK.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private int buffered() {
        return pending.size() + (current == null ? 0 : current.size());
    }

    /** What an operator needs to know about the buffer right now. */
    public BufferStatus status() {
        return status;
    }

    /**
     * One step of the writer: retries a failed batch once its backoff has passed, or writes the next batch
     * once it is full or its oldest message has waited the flush age. The write happens outside the lock.
     */
    boolean tick() {
        Batch batch;
        lock.lock();
        try {
            batch = next(clock.instant());
            updateStatus();
        }
        finally {
            lock.unlock();
        }
        if (batch == null) {
            return false;
        }
        attempt(batch);
        return true;
    }

    private Batch next(Instant now) {
        // Waiting for the schema is not a failure: were it counted as one, the backoff would grow while the
        // migration runs and readings buffered meanwhile would wait up to the maximum backoff after it is done.
        if (!writer.ready()) {
            return null;
        }
        if (current != null) {
            return currentFailed && !now.isBefore(nextAttempt) ? current : null;
        }
        if (pending.isEmpty() || (pending.size() < properties.size()
                && pending.get(0).receivedAt().plus(properties.flushAge()).isAfter(now))) {
            return null;
        }
        if (pending.size() < properties.maxSize() && lastWriteStarted.plus(properties.minInterval()).isAfter(now)) {
            return null;
        }
        lastWriteStarted = now;
        return take();
    }

    private Batch take() {
        List<ReceivedMessage> taken = new ArrayList<>(pending.subList(0, Math.min(pending.size(), properties.maxSize())));
        pending.subList(0, taken.size()).clear();
        current = new Batch(taken);
        currentFailed = false;
        return current;
    }

    private void attempt(Batch batch) {
        Instant started = clock.instant();
        RuntimeException failure = null;
        try {
            writer.write(batch);
        }
        catch (RuntimeException ex) {
            failure = ex;
        }
        lock.lock();
        try {
            if (failure == null) {
                current = null;
                roomFreed.signalAll();
                backoff = properties.retryBackoff();
                status = status.succeeded(clock.instant(), Duration.between(started, clock.instant()));
            }
            else {
                currentFailed = true;
                nextAttempt = clock.instant().plus(backoff);
                log.warn("Writing {} messages failed (attempt {}), retrying in {} ms: {}", batch.size(),
                        status.consecutiveFailures() + 1, backoff.toMillis(), failure.getMessage());
                backoff = min(backoff.multipliedBy(2), properties.maxRetryBackoff());
                status = status.failed(failure.getMessage());
            }
            updateStatus();
        }
        finally {
            lock.unlock();
        }
    }

    private void updateStatus() {
        int buffered = buffered();
        Instant oldest = current != null ? current.messages().get(0).receivedAt()
                : pending.isEmpty() ? null : pending.get(0).receivedAt();
        status = status.withContents(buffered, oldest);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void writeUntilStopped() {
        while (running) {
            try {
                if (!tick()) {
                    awaitWork();
                }
            }
            catch (RuntimeException ex) {
                log.error("Buffer writer step failed", ex);
            }
        }
    }

    /**
     * Waits for a full batch, or one tick (ageing batches and retries are checked on every tick), or, when a
     * full batch waits for the minimum interval, until that is over.
     */
    private void awaitWork() {
        lock.lock();
        try {
            long waitNanos = TICK.toNanos();
            if (current == null && pending.size() >= properties.size()) {
                Duration untilDue = Duration.between(clock.instant(), lastWriteStarted.plus(properties.minInterval()));
                waitNanos = untilDue.isNegative() ? 0 : Math.min(waitNanos, untilDue.toNanos());
            }
            if (running && waitNanos > 0) {
                full.awaitNanos(waitNanos);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        lock.lock();
        try {
            closed = false;
            refusedWhileClosed = 0;
        }
        finally {
            lock.unlock();
        }
        running = true;
        Thread thread = new Thread(this::writeUntilStopped, "reading-buffer-writer");
        thread.setDaemon(true);
        writerThread = thread;
        thread.start();
    }

    /**
     * Takes no more messages and writes what is buffered, once; what arrives meanwhile, and what cannot be
     * written, stays unacknowledged for the broker to deliver again. Closing first bounds the time this takes:
     * were new arrivals written too, stopping would last as long as the sensors keep sending.
     */
    @Override
    public void stop() {
        Thread thread = writerThread;
        lock.lock();
        try {
            closed = true;
            running = false;
            full.signal();
            roomFreed.signalAll();
        }
        finally {
            lock.unlock();
        }
        if (thread != null) {
            // Let a write in progress finish: its messages are acknowledged while the connection is open.
            try {
                thread.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        drain();
        writerThread = null;
    }

    private void drain() {
        if (current != null && currentFailed) {
            attempt(current);
        }
        while (current == null && !pending.isEmpty()) {
            lock.lock();
            Batch batch;
            try {
                batch = take();
            }
            finally {
                lock.unlock();
            }
            attempt(batch);
        }
        lock.lock();
        try {
            int left = pending.size() + (current == null ? 0 : current.size());
            if (left > 0) {
                log.warn("Stopping with {} messages unwritten; the broker will deliver them again", left);
            }
            if (refusedWhileClosed > 0) {
                // More may come until the connection closes; they are left alone the same way.
                log.info("{} messages arrived while the buffer was written and were left unacknowledged;"
                        + " the broker will deliver them again", refusedWhileClosed);
            }
            pending.clear();
            current = null;
            updateStatus();
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return writerThread != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

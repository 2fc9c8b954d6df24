package io.github.iotpipeline.collector.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The messages the buffer holds, from arrival until the batch that took them is written: a bounded queue
 * whose room is freed only when the batch in flight is released. So at most {@code capacity} messages are
 * held, waiting or being written, and beyond that {@link #add} waits, which holds the broker back through
 * TCP (the broker's Receive Maximum is not relied on; Mosquitto was seen to exceed it).
 * <p>
 * Safe for the MQTT callback thread that adds and the writer thread that takes, at once.
 */
final class PendingMessages {

    /** How often a caller held back re-checks, in case a wake-up was missed. */
    private static final long ROOM_CHECK_MS = 50;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchFull = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();
    private final List<ReceivedMessage> waiting = new ArrayList<>();
    private final int capacity;
    private final int batchSize;
    private List<ReceivedMessage> inFlight = List.of();
    /** Callers wait for room only while open: what arrives while stopped is simply refused. */
    private boolean open;
    private boolean closed;
    private int refusedWhileClosed;

    PendingMessages(int capacity, int batchSize) {
        this.capacity = capacity;
        this.batchSize = batchSize;
    }

    /** Takes messages again, holding callers back while full. */
    void open() {
        lock.lock();
        try {
            open = true;
            closed = false;
            refusedWhileClosed = 0;
        }
        finally {
            lock.unlock();
        }
    }

    /** Takes no more messages, and wakes every caller and the writer. */
    void close() {
        lock.lock();
        try {
            open = false;
            closed = true;
            batchFull.signalAll();
            roomFreed.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    /** Adds the message once there is room; false, leaving it to the broker, when closed. */
    boolean add(ReceivedMessage message) {
        lock.lock();
        try {
            awaitRoom();
            if (closed) {
                refusedWhileClosed++;
                return false;
            }
            waiting.add(message);
            if (waiting.size() == batchSize) {
                batchFull.signal();
            }
            return true;
        }
        finally {
            lock.unlock();
        }
    }

    private void awaitRoom() {
        try {
            while (open && held() >= capacity) {
                roomFreed.await(ROOM_CHECK_MS, TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes up to {@code max} waiting messages, oldest first, as the batch in flight. */
    Batch take(int max) {
        lock.lock();
        try {
            List<ReceivedMessage> taken = waiting.subList(0, Math.min(waiting.size(), max));
            Batch batch = new Batch(taken);
            taken.clear();
            inFlight = batch.messages();
            return batch;
        }
        finally {
            lock.unlock();
        }
    }

    /** The batch in flight is written: its room is free. */
    void release() {
        lock.lock();
        try {
            inFlight = List.of();
            roomFreed.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} for a full batch, unless closed. */
    void awaitBatch(long nanos) {
        lock.lock();
        try {
            if (!closed) {
                batchFull.awaitNanos(nanos);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            lock.unlock();
        }
    }

    int waiting() {
        return locked(waiting::size);
    }

    @Nullable Instant oldestWaiting() {
        return locked(() -> waiting.isEmpty() ? null : waiting.get(0).receivedAt());
    }

    /** The given outcomes with what is held now, in flight or waiting. */
    BufferStatus describe(BufferStatus outcomes) {
        return locked(() -> outcomes.withContents(held(), !inFlight.isEmpty() ? inFlight.get(0).receivedAt()
                : waiting.isEmpty() ? null : waiting.get(0).receivedAt()));
    }

    /** Forgets everything held; returns how many messages that was. */
    int discard() {
        return locked(() -> {
            int held = held();
            waiting.clear();
            inFlight = List.of();
            return held;
        });
    }

    /** Messages refused since the last {@link #close}. */
    int refusedWhileClosed() {
        return locked(() -> refusedWhileClosed);
    }

    private int held() {
        return waiting.size() + inFlight.size();
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        }
        finally {
            lock.unlock();
        }
    }
}

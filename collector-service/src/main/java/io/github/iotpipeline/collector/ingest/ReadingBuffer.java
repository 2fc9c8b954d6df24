package io.github.iotpipeline.collector.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.iotpipeline.collector.background.Backoff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Collects messages until a batch is due ({@link FlushPolicy}), then has them written by a thread of its own
 * ({@link WriterThread}). The MQTT callback thread only appends, so messages keep arriving while a batch is
 * written, and memory stays bounded because {@link PendingMessages} holds the callback thread back when full.
 * <p>
 * While a write fails the batch is kept and retried with backoff ({@link BatchInFlight}), nothing else is
 * written and nothing is acknowledged. Stopping writes what is held, once.
 */
@Component
class ReadingBuffer implements SmartLifecycle {

    /** Stops before the inbound adapter (higher phases stop first), so it drains while acks can still go out. */
    static final int PHASE = Integer.MAX_VALUE - 1000;

    private static final Logger log = LoggerFactory.getLogger(ReadingBuffer.class);
    /** The writer's idle wait: ageing batches and due retries are noticed within it. */
    private static final Duration TICK = Duration.ofMillis(50);

    private final BatchSink sink;
    private final BatchProperties properties;
    private final Clock clock;
    private final PendingMessages pending;
    private final FlushPolicy policy;
    private final BatchInFlight inFlight;
    private final WriterThread writer;
    /** The outcomes of the writes so far; only the writer thread (or a stop, after it ended) sets it. */
    private volatile BufferStatus outcomes = BufferStatus.initial();

    ReadingBuffer(BatchSink sink, BatchProperties properties, Clock clock) {
        this.sink = sink;
        this.properties = properties;
        this.clock = clock;
        this.pending = new PendingMessages(properties.maxBuffered(), properties.size());
        this.policy = new FlushPolicy(properties);
        this.inFlight = new BatchInFlight(new Backoff(properties.retryBackoff(), properties.maxRetryBackoff()));
        this.writer = new WriterThread("reading-buffer-writer", this::tick, this::idle);
    }

    /**
     * Takes the message, waiting while the buffer is full. While stopping it is not taken: left unacknowledged,
     * the broker keeps it in the session and delivers it again on the next connection.
     */
    void add(ReceivedMessage message) {
        pending.add(message);
    }

    /** What an operator needs to know about the buffer right now. */
    BufferStatus status() {
        return pending.describe(outcomes);
    }

    /**
     * One step of the writer: retries a failed batch once its backoff has passed, or writes the next batch once
     * it is due. Returns whether it wrote.
     */
    boolean tick() {
        Batch batch = next(clock.instant());
        if (batch == null) {
            return false;
        }
        write(batch);
        return true;
    }

    private @Nullable Batch next(Instant now) {
        if (!sink.ready()) {
            return null;
        }
        if (!inFlight.isEmpty()) {
            return inFlight.dueRetry(now);
        }
        if (!policy.due(pending.waiting(), pending.oldestWaiting(), now)) {
            return null;
        }
        policy.writeStarted(now);
        return inFlight.hold(pending.take(policy.maxSize()));
    }

    private void write(Batch batch) {
        Instant started = clock.instant();
        try {
            sink.write(batch);
        }
        catch (RuntimeException ex) {
            Duration wait = inFlight.failed(clock.instant());
            log.warn("Writing {} messages failed (attempt {}), retrying in {} ms: {}", batch.size(),
                    outcomes.consecutiveFailures() + 1, wait.toMillis(), ex.getMessage());
            outcomes = outcomes.failed(ex.getMessage());
            return;
        }
        inFlight.written();
        pending.release();
        outcomes = outcomes.succeeded(clock.instant(), Duration.between(started, clock.instant()));
    }

    /** Waits one tick, or for a full batch, or, when a full batch waits for the minimum interval, for that. */
    private void idle() {
        long nanos = TICK.toNanos();
        if (inFlight.isEmpty() && pending.waiting() >= properties.size()) {
            nanos = Math.min(nanos, policy.untilAllowed(clock.instant()).toNanos());
        }
        if (nanos > 0) {
            pending.awaitBatch(nanos);
        }
    }

    @Override
    public void start() {
        pending.open();
        writer.start();
    }

    /**
     * Takes no more messages and writes what is held, once; what arrives meanwhile, and what cannot be written,
     * stays unacknowledged for the broker to deliver again. Closing first bounds the time this takes: were new
     * arrivals written too, stopping would last as long as the sensors keep sending.
     */
    @Override
    public void stop() {
        writer.requestStop();
        pending.close();
        // Lets a write in progress finish: its messages are acknowledged while the connection is open.
        writer.join();
        drain();
    }

    private void drain() {
        Batch failed = inFlight.failedBatch();
        if (failed != null) {
            write(failed);
        }
        while (inFlight.isEmpty() && pending.waiting() > 0) {
            write(inFlight.hold(pending.take(policy.maxSize())));
        }
        inFlight.clear();
        int left = pending.discard();
        if (left > 0) {
            log.warn("Stopping with {} messages unwritten; the broker will deliver them again", left);
        }
        int refused = pending.refusedWhileClosed();
        if (refused > 0) {
            // More may come until the connection closes; they are left alone the same way.
            log.info("{} messages arrived while the buffer was written and were left unacknowledged;"
                    + " the broker will deliver them again", refused);
        }
    }

    @Override
    public boolean isRunning() {
        return writer.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

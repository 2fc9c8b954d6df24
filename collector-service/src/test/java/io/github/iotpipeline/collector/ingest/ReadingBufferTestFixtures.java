package io.github.iotpipeline.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.RejectReason;

/** A stand-in for the buffer's writer, which records or fails, and the messages it is handed. */
final class ReadingBufferTestFixtures {

    private static final AtomicInteger sequence = new AtomicInteger();

    private ReadingBufferTestFixtures() {
    }

    /** A distinct message that arrived at the given instant; its content does not matter to the buffer. */
    static ReceivedMessage message(Instant receivedAt) {
        int n = sequence.incrementAndGet();
        return new ReceivedMessage("sensors/sensor-1/readings", ("message " + n).getBytes(StandardCharsets.UTF_8),
                receivedAt, 1, false, false, Decoded.rejected(RejectReason.MALFORMED_JSON, "test message " + n),
                null, 1);
    }

    /** Records every batch it is asked to write; fails with a given message until told to succeed. */
    static final class RecordingBatchWriter implements BatchSink {

        private final List<List<ReceivedMessage>> attempted = new ArrayList<>();
        private final List<List<ReceivedMessage>> written = new ArrayList<>();
        private String failure;
        private Runnable duringWrite = () -> { };
        private boolean ready = true;

        @Override
        public synchronized void write(Batch batch) {
            duringWrite.run();
            attempted.add(batch.messages());
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            written.add(batch.messages());
        }

        @Override
        public synchronized boolean ready() {
            return ready;
        }

        synchronized void ready(boolean ready) {
            this.ready = ready;
        }

        /** Runs {@code action} at the start of every write, as if it happened while the batch is written. */
        synchronized void duringEachWrite(Runnable action) {
            duringWrite = action;
        }

        synchronized void failWith(String message) {
            failure = message;
        }

        synchronized void succeed() {
            failure = null;
        }

        /** The batches written successfully, in order. */
        synchronized List<List<ReceivedMessage>> batches() {
            return List.copyOf(written);
        }

        synchronized List<List<ReceivedMessage>> attemptedBatches() {
            return List.copyOf(attempted);
        }

        synchronized int attempts() {
            return attempted.size();
        }
    }
}

package io.github.iotpipeline.e2e;

import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.MqttTestClient;

/**
 * A sensor that numbers its readings: publishes {@code sensor-1} readings with consecutive {@code seq} at a
 * steady rate, at QoS 1, and records each one whose PUBACK came back. Those are the readings the pipeline
 * promises to store once.
 */
final class SequencePublisher implements AutoCloseable {

    static final String SENSOR = "sensor-1";

    /** Reading {@code seq} has this timestamp plus {@code seq} milliseconds, so each seq is its own reading. */
    private static final Instant BASE = Instant.parse("2026-06-01T00:00:00Z");

    private final MqttTestClient client;
    private final String topic;
    private final Ledger ledger;
    private final ReadingCodec codec = new ReadingCodec();
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sequence-publisher");
        thread.setDaemon(true);
        return thread;
    });

    SequencePublisher(String brokerUrl, String clientId, SensorTopics topics, Ledger ledger) {
        this.client = MqttTestClient.connect(brokerUrl, clientId);
        this.topic = topics.topicFor(SENSOR);
        this.ledger = ledger;
    }

    /** Publishes the next {@code count} readings at {@code perSecond}, each once the broker accepted the last. */
    void publish(int count, int perSecond) {
        long started = System.nanoTime();
        for (int i = 0; i < count && !Thread.currentThread().isInterrupted(); i++) {
            pace(started, i, perSecond);
            long seq = ledger.next();
            client.publish(topic, codec.encode(new SensorReading(SENSOR, BASE.plusMillis(seq), seq % 40, "°C", seq)));
            ledger.accepted(seq);
        }
    }

    /** As {@link #publish(int, int)}, on a thread of its own, so that the test can break things meanwhile. */
    CompletableFuture<Void> publishInBackground(int count, int perSecond) {
        return CompletableFuture.runAsync(() -> publish(count, perSecond), background);
    }

    @Override
    public void close() {
        background.shutdownNow();
        client.close();
    }

    private static void pace(long startedNanos, int index, int perSecond) {
        long wait = startedNanos + index * 1_000_000_000L / perSecond - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The seqs handed out, across publishers and reconnections, and the ones the broker accepted. */
    static final class Ledger {

        private final AtomicLong next = new AtomicLong();
        private final Set<Long> accepted = ConcurrentHashMap.newKeySet();

        long next() {
            return next.getAndIncrement();
        }

        void accepted(long seq) {
            accepted.add(seq);
        }

        int acceptedCount() {
            return accepted.size();
        }

        SortedSet<Long> accepted() {
            return new TreeSet<>(accepted);
        }
    }
}

package io.github.iotpipeline.collector.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.MqttTestClient;
import org.jspecify.annotations.Nullable;

/**
 * Live traffic: publishes readings of the given sensors in turn at a steady rate, each stamped with the moment
 * of its publication (to the millisecond, later than the sensor's previous one), at QoS 1, waiting for the
 * broker's acknowledgement of each, until stopped. Remembers every reading the broker acknowledged.
 */
final class SteadyPublisher implements AutoCloseable {

    private static final ReadingCodec CODEC = new ReadingCodec();

    private final MqttTestClient client;
    private final SensorTopics topics;
    private final List<String> sensors;
    private final int perSecond;
    private final long firstSeq;
    private final List<SensorReading> published = new ArrayList<>();
    private final Map<String, Instant> latest = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile @Nullable RuntimeException failure;

    private SteadyPublisher(MqttTestClient client, SensorTopics topics, List<String> sensors, int perSecond,
            long firstSeq) {
        this.client = client;
        this.topics = topics;
        this.sensors = List.copyOf(sensors);
        this.perSecond = perSecond;
        this.firstSeq = firstSeq;
        this.thread = new Thread(this::run, "steady-publisher");
    }

    /** Starts publishing; sequence numbers count up from {@code firstSeq}, over all sensors. */
    static SteadyPublisher start(MqttTestClient client, SensorTopics topics, List<String> sensors, int perSecond,
            long firstSeq) {
        SteadyPublisher publisher = new SteadyPublisher(client, topics, sensors, perSecond, firstSeq);
        publisher.thread.start();
        return publisher;
    }

    /** How many readings the broker has acknowledged so far. */
    synchronized int count() {
        return published.size();
    }

    /** Stops after the reading in progress; returns every reading the broker acknowledged, in order. */
    List<SensorReading> stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
        synchronized (this) {
            return List.copyOf(published);
        }
    }

    private void run() {
        long started = System.nanoTime();
        long interval = Duration.ofSeconds(1).toNanos() / perSecond;
        try {
            for (long n = 0; running; n++) {
                long wait = started + n * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                SensorReading reading = next(sensors.get((int) (n % sensors.size())), firstSeq + n);
                client.publish(topics.topicFor(reading.sensorId()), CODEC.encode(reading));
                synchronized (this) {
                    published.add(reading);
                }
            }
        }
        catch (RuntimeException ex) {
            failure = ex;
        }
    }

    private SensorReading next(String sensor, long seq) {
        // Microseconds, PostgreSQL's precision: a burst after a stall (the publisher catching up) must not stamp
        // readings ahead of the clock, or a commit could come before its reading's timestamp.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant previous = latest.get(sensor);
        Instant ts = previous == null || now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
        latest.put(sensor, ts);
        return new SensorReading(sensor, ts, 15 + seq % 200 / 10.0, "°C", seq);
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
    }
}

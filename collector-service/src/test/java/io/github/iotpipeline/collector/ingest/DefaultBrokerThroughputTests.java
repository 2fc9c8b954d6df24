package io.github.iotpipeline.collector.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.testsupport.MosquittoProcess;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acknowledging only after commit must not throttle the collector on a broker that runs Mosquitto's
 * defaults, where an MQTT 3.1.1 subscriber gets at most 20 unacknowledged messages at a time.
 */
class DefaultBrokerThroughputTests {

    private static final int READINGS = 5_000;

    /**
     * Publishing rate. Faster than the collector drains, a default broker queues only 1,000 messages for it
     * and silently drops the rest; that is broker sizing (see mosquitto/mosquitto.conf), not what this test
     * is about.
     */
    private static final int PUBLISH_PER_SECOND = 1_000;

    @TempDir
    static Path rawDirectory;

    private static MosquittoProcess broker;
    private static TestDatabase database;
    private static RunningCollector collector;

    @BeforeAll
    static void start() {
        if (!MosquittoProcess.available()) {
            return; // the test skips itself, so that the build counts it
        }
        broker = MosquittoProcess.startWithDefaults();
        database = TestDatabase.create("default_broker");
        collector = RunningCollector.start(database, broker.url(), TestBroker.uniqueName("throughput"), rawDirectory,
                Map.of());
    }

    @AfterAll
    static void stop() {
        // Null without Mosquitto, or when starting one of them failed.
        if (collector != null) {
            collector.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void keepsUpWithAtLeast500ReadingsPerSecondThroughADefaultBroker() {
        MosquittoProcess.assumeAvailable();
        ReadingCodec codec = new ReadingCodec();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        Instant started = Instant.now();
        try (MqttTestClient publisher = MqttTestClient.connect(broker.url(), TestBroker.uniqueName("publisher"))) {
            for (int i = 0; i < READINGS; i++) {
                pace(started, i);
                String sensor = "sensor-" + (1 + i % 5);
                SensorReading reading = new SensorReading(sensor, base.plusMillis(i), 20 + i % 10, null, (long) i);
                publisher.publish(collector.topics().topicFor(sensor), codec.encode(reading));
            }
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(stored()).isEqualTo(READINGS));
        Duration elapsed = Duration.between(started, Instant.now());

        double perSecond = READINGS * 1000.0 / elapsed.toMillis();
        System.out.printf("default broker: %d readings published and committed in %d ms = %.0f readings/s%n",
                READINGS, elapsed.toMillis(), perSecond);
        assertThat(perSecond).isGreaterThanOrEqualTo(500);
    }

    private static void pace(Instant started, int index) {
        Instant due = started.plusNanos(index * 1_000_000_000L / PUBLISH_PER_SECOND);
        long wait = Duration.between(Instant.now(), due).toNanos();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static int stored() {
        Integer count = collector.jdbc().queryForObject("select count(*) from measurements", Integer.class);
        return count == null ? 0 : count;
    }
}

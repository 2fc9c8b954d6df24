package io.github.iotpipeline.collector.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.MessageArrivals;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.PrometheusText;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.integration.endpoint.AbstractEndpoint;
import org.springframework.integration.channel.FixedSubscriberChannel;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages reach the buffer however early they arrive. On a resumed session the broker sends what the last
 * connection left unacknowledged right after CONNACK, while the collector is still starting; a message that
 * found nobody to take it would stay unacknowledged on a live connection, and the broker sends it again only
 * on the next one.
 */
class SessionResumeTests {

    private static final ReadingCodec CODEC = new ReadingCodec();

    @TempDir
    static Path rawDirectory;

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create("resume");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void storesWhatTheBrokerRedeliversTheMomentTheCollectorConnects() throws Exception {
        String name = TestBroker.uniqueName("resume");
        SensorTopics topics = new SensorTopics(name);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int count = 300;
        // As a collector that took these messages and stopped before acknowledging them: same client id,
        // persistent session. Disconnecting leaves them in flight in the session.
        try (UnacknowledgingSubscriber earlier = UnacknowledgingSubscriber.connect(TestBroker.url(), name,
                topics.subscription());
                MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher")) {
            for (int seq = 0; seq < count; seq++) {
                publisher.publish(topics.topicFor("sensor-1"),
                        CODEC.encode(new SensorReading("sensor-1", base.plusMillis(seq), 20.0, "°C", (long) seq)));
            }
            // The broker sends as many as its in-flight limit allows and queues the rest.
            await().atMost(Duration.ofSeconds(10)).until(earlier::settled);
            assertThat(earlier.received()).isPositive();
        }

        try (RunningCollector collector = RunningCollector.start(database, TestBroker.url(), name, rawDirectory,
                Map.of())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stored(collector, "sensor-1", base))
                    .as("readings stored of %d left in flight", count).isEqualTo(count));
        }
    }

    /**
     * A dead letter committed by an earlier run whose acknowledgement never reached the broker comes back with
     * the DUP flag. It is a duplicate, not a second dead letter, and counted as one, not as both.
     * <p>
     * The redelivery enters where the MQTT adapter hands messages on, with the headers the adapter would set:
     * Paho 1.2.5 drops the DUP flag of incoming messages ({@code MqttPublish.getMessage()} leaves it out), so
     * through the real broker the flag never arrives.
     */
    @Test
    void countsARedeliveredDeadLetterThatIsStoredAlreadyAsADuplicateOnly() throws Exception {
        String name = TestBroker.uniqueName("resume");
        try (RunningCollector collector = RunningCollector.start(database, TestBroker.url(), name, rawDirectory,
                Map.of());
                MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher")) {
            String topic = collector.topics().topicFor("sensor-3");
            byte[] payload = "{broken".getBytes(StandardCharsets.UTF_8);
            publisher.publish(topic, payload);
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters(collector, topic) == 1);

            collector.bean(FixedSubscriberChannel.class).send(MessageBuilder.withPayload(payload)
                    .setHeader(MqttHeaders.RECEIVED_TOPIC, topic)
                    .setHeader(MqttHeaders.RECEIVED_QOS, 1)
                    .setHeader(MqttHeaders.DUPLICATE, true)
                    .build());

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                PrometheusText metrics = PrometheusText.parse(collector.get("/actuator/prometheus").body());
                assertThat(metrics.sum("collector_messages_received_total")).isEqualTo(2);
                assertThat(metrics.sum("collector_buffer_messages")).isZero();
                assertThat(metrics.sum("collector_readings_duplicates_total")).isEqualTo(1);
                assertThat(metrics.sum("collector_messages_rejected_total")).isEqualTo(1);
                assertThat(metrics.sum("collector_messages_received_total"))
                        .isEqualTo(metrics.sum("collector_readings_stored_total")
                                + metrics.sum("collector_readings_duplicates_total")
                                + metrics.sum("collector_messages_rejected_total"));
            });
            assertThat(deadLetters(collector, topic)).isEqualTo(1);
        }
    }

    private static int deadLetters(RunningCollector collector, String topic) {
        Integer count = collector.jdbc().queryForObject("select count(*) from rejected_messages where topic = ?",
                Integer.class, topic);
        return count == null ? 0 : count;
    }

    @Test
    void takesMessagesWhileNoEndpointButTheMqttAdapterRuns() {
        String name = TestBroker.uniqueName("resume");
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (RunningCollector collector = RunningCollector.start(database, TestBroker.url(), name, rawDirectory,
                Map.of());
                MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher")) {
            // As they are before the context has started them: the adapter starts before what depends on it.
            collector.beans(AbstractEndpoint.class).forEach((bean, endpoint) -> {
                if (!bean.equals("mqttInbound")) {
                    endpoint.stop();
                }
            });

            publisher.publish(collector.topics().topicFor("sensor-2"),
                    CODEC.encode(new SensorReading("sensor-2", base, 45.0, "%", 1L)));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(stored(collector, "sensor-2", base))
                    .isEqualTo(1));
        }
    }

    private static int stored(RunningCollector collector, String sensor, Instant from) {
        Integer stored = collector.jdbc().queryForObject(
                "select count(*) from measurements where sensor_id = ? and ts >= ? and ts < ?",
                Integer.class, sensor, Timestamp.from(from), Timestamp.from(from.plus(1, ChronoUnit.HOURS)));
        return stored == null ? 0 : stored;
    }

    /** Subscribes with a persistent session and never acknowledges what it receives. */
    private static final class UnacknowledgingSubscriber implements AutoCloseable {

        private final MqttAsyncClient client;
        private final AtomicInteger received = new AtomicInteger();
        private volatile long lastArrival = System.nanoTime();

        private UnacknowledgingSubscriber(MqttAsyncClient client) {
            this.client = client;
        }

        static UnacknowledgingSubscriber connect(String url, String clientId, String filter) throws MqttException {
            MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            UnacknowledgingSubscriber subscriber = new UnacknowledgingSubscriber(client);
            client.setManualAcks(true);
            client.setCallback((MessageArrivals) (topic, message) -> {
                subscriber.received.incrementAndGet();
                subscriber.lastArrival = System.nanoTime();
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(filter, 1).waitForCompletion(10_000);
            return subscriber;
        }

        int received() {
            return received.get();
        }

        /** Something arrived, and nothing more for half a second. */
        boolean settled() {
            return received.get() > 0 && System.nanoTime() - lastArrival > Duration.ofMillis(500).toNanos();
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(10_000);
            client.close();
        }
    }
}

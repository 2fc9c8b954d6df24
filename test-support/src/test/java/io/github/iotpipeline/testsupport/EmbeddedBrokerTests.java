package io.github.iotpipeline.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.iotpipeline.embedded.EmbeddedBroker;
import io.github.iotpipeline.embedded.LoopbackPorts;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded broker that tests and the local stack use, as the collector needs it to behave. */
class EmbeddedBrokerTests {

    @TempDir
    Path work;

    @Test
    void deliversToAnAnonymousMqtt5SubscriberAtQos1() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(LoopbackPorts.free(), work, false)) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttClient subscriber = connect(broker.url(), "subscriber", true, received);
            subscriber.subscribe("sensors/+/readings", 1);
            MqttClient publisher = connect(broker.url(), "publisher", true, new LinkedBlockingQueue<>());
            publisher.publish("sensors/s-1/readings", message("{\"value\":1}"));

            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"value\":1}");
            publisher.disconnect();
            subscriber.disconnect();
        }
    }

    /**
     * HiveMQ sends a subscriber nothing new while anything it sent is unacknowledged, then what has queued meanwhile
     * at once: up to its in-flight window, which must not stop at HiveMQ's own 50, or the collector, acknowledging
     * a batch at a time, would get at most 50 readings per flush.
     */
    @Test
    void sendsWhatQueuedWhileASubscriberHeldAMessageAtOnceOnceItIsAcknowledged() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(LoopbackPorts.free(), work, false)) {
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            MqttAsyncClient subscriber = new MqttAsyncClient(broker.url(), "batch-acker", new MemoryPersistence());
            subscriber.setManualAcks(true);
            subscriber.setCallback((MessageArrivals) (topic, message) -> received.add(message));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setReceiveMaximum(1000);
            subscriber.connect(options).waitForCompletion(10_000);
            subscriber.subscribe("sensors/+/readings", 1).waitForCompletion(10_000);
            MqttClient publisher = connect(broker.url(), "publisher", true, new LinkedBlockingQueue<>());
            for (int i = 0; i < 500; i++) {
                publisher.publish("sensors/s-1/readings", message("reading " + i));
            }
            MqttMessage first = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            subscriber.messageArrivedComplete(first.getId(), first.getQos());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 499 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(received).as("unacknowledged after the first was acknowledged").hasSize(499);
            publisher.disconnect();
            subscriber.disconnect().waitForCompletion(10_000);
        }
    }

    @Test
    void keepsAnOfflineSessionsQueueAcrossARestart() throws Exception {
        int port = LoopbackPorts.free();
        try (EmbeddedBroker broker = EmbeddedBroker.start(port, work, true)) {
            MqttClient collector = connect(broker.url(), "collector", false, new LinkedBlockingQueue<>());
            collector.subscribe("sensors/+/readings", 1);
            collector.disconnect();
            MqttClient publisher = connect(broker.url(), "publisher", true, new LinkedBlockingQueue<>());
            publisher.publish("sensors/s-1/readings", message("queued while away"));
            publisher.disconnect();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(port, work, true)) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttClient collector = connect(broker.url(), "collector", false, received);

            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("queued while away");
            collector.disconnect();
        }
    }

    private static MqttMessage message(String payload) {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        return message;
    }

    private static MqttClient connect(String url, String clientId, boolean cleanStart, BlockingQueue<String> received)
            throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback((MessageArrivals) (topic, message) ->
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        client.connect(options);
        return client;
    }
}

package io.github.iotpipeline.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A plain MQTT v5 client for tests: publishes raw payloads, and clears sessions that tests leave behind. */
public final class MqttTestClient implements AutoCloseable {

    private final MqttClient client;

    private MqttTestClient(MqttClient client) {
        this.client = client;
    }

    public static MqttTestClient connect(String url, String clientId) {
        try {
            MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSessionExpiryInterval(0L);
            client.connect(options);
            return new MqttTestClient(client);
        }
        catch (MqttException ex) {
            throw new IllegalStateException("Could not connect to " + url, ex);
        }
    }

    /** Publishes at QoS 1 and waits for the broker's acknowledgement. */
    public void publish(String topic, byte[] payload) {
        publish(topic, payload, 1, false);
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        message.setRetained(retained);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                client.publish(topic, message);
                return;
            }
            catch (MqttException ex) {
                // Paho wakes a waiting publisher before it releases the in-flight slot of the acknowledged
                // message, so a tight loop can briefly see a full window; wait for the slot instead of failing.
                if (ex.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not publish to " + topic, ex);
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Ends the persistent session of the given client id on the broker: connecting with a clean start and no
     * session expiry discards whatever the broker kept for it.
     */
    public static void clearSession(String url, String clientId) {
        try (MqttTestClient ignored = connect(url, clientId)) {
            // Connecting was the point.
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
        catch (MqttException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

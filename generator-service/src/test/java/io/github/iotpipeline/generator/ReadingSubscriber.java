package io.github.iotpipeline.generator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.MessageArrivals;
import io.github.iotpipeline.testsupport.TestBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Collects every reading published under a topic root. It connects with a clean start and no session expiry,
 * so the shared broker keeps nothing of it after {@link #close()}.
 */
public final class ReadingSubscriber implements AutoCloseable {

    /** One publication as it arrived. */
    public record Received(String topic, byte[] payload) {
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private ReadingSubscriber(MqttClient client) {
        this.client = client;
    }

    public static ReadingSubscriber subscribe(String url, SensorTopics topics) {
        try {
            MqttClient client = new MqttClient(url, TestBroker.uniqueName("generator-test-sub"),
                    new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSessionExpiryInterval(0L);
            client.connect(options);
            ReadingSubscriber subscriber = new ReadingSubscriber(client);
            // A callback rather than a per-subscription listener: Paho 1.2.5's subscribe(topic, qos, listener)
            // recurses into itself until the stack overflows.
            client.setCallback((MessageArrivals) (topic, message) ->
                    subscriber.received.add(new Received(topic, message.getPayload())));
            client.subscribe(topics.subscription(), 1);
            return subscriber;
        }
        catch (MqttException ex) {
            throw new IllegalStateException("Could not subscribe on " + url, ex);
        }
    }

    /** What arrived so far, in order of arrival. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public int count() {
        return received.size();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}

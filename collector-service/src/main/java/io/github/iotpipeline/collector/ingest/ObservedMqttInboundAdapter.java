package io.github.iotpipeline.collector.ingest;

import java.util.concurrent.Executor;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;

/**
 * The MQTT 5 inbound adapter, telling {@link MqttConnectionState} when the connection is made and when it
 * is lost, straight from the client's callbacks.
 * <p>
 * It also subscribes off the client's callback thread. With a persistent session the broker sends the
 * queued backlog right after the connection is made; the client hands each message to the callback thread
 * through a short queue. Subscribing on that thread waits for the broker's SUBACK, which sits behind the
 * backlog that the waiting thread does not drain: the two wait for each other until the subscribe times out.
 */
class ObservedMqttInboundAdapter extends Mqttv5PahoMessageDrivenChannelAdapter {

    private final MqttConnectionState state;
    private final Executor subscriber = new SimpleAsyncTaskExecutor("mqtt-subscribe-");

    ObservedMqttInboundAdapter(MqttConnectionOptions options, String clientId, MqttConnectionState state,
            MqttSubscription... subscriptions) {
        super(options, clientId, subscriptions);
        this.state = state;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        state.connectionMade();
        if (isActive()) {
            subscriber.execute(() -> super.connectComplete(reconnect, serverURI));
        }
        else {
            // Still starting: this only marks the subscription as due, and start() makes it on its own thread.
            super.connectComplete(reconnect, serverURI);
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        state.connectionLost(response.getException() == null ? response.toString()
                : response.getException().getMessage());
        super.disconnected(response);
    }
}

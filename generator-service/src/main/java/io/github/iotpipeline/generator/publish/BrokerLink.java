package io.github.iotpipeline.generator.publish;

import io.github.iotpipeline.generator.GeneratorProperties;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.stereotype.Component;

/**
 * The state of the connection to the broker, as the publisher and the health check see it.
 * <p>
 * Paho's MQTT v5 client has no client-side in-flight limit of its own: it follows the Receive Maximum the
 * broker announces (Mosquitto's {@code max_inflight_messages}) and refuses publications beyond it. The
 * generator's {@code max-inflight} is its own limit on top, so that a slow broker makes it drop readings,
 * counted, rather than pile them up.
 */
@Component
class BrokerLink {

    private final Mqttv5ClientManager clientManager;
    private final int maxInflight;

    BrokerLink(Mqttv5ClientManager clientManager, GeneratorProperties generator) {
        this.clientManager = clientManager;
        this.maxInflight = generator.maxInflight();
    }

    boolean isConnected() {
        return clientManager.isConnected();
    }

    String url() {
        return clientManager.getUrl();
    }

    /** Publications sent and not yet acknowledged by the broker. */
    int inFlight() {
        IMqttAsyncClient client = clientManager.getClient();
        return client == null ? 0 : client.getInFlightMessageCount();
    }

    /**
     * Why a reading cannot be handed to the client now, or {@code null} when it can. Checked before sending
     * because the outbound adapter, given a disconnected client, would block the scheduler trying to connect
     * while Paho's own reconnect cycle is already doing so.
     */
    @Nullable String refusal() {
        if (!isConnected()) {
            return "not connected to " + url();
        }
        int inFlight = inFlight();
        if (inFlight >= maxInflight) {
            return inFlight + " publications await acknowledgement (max-inflight " + maxInflight + ")";
        }
        return null;
    }
}

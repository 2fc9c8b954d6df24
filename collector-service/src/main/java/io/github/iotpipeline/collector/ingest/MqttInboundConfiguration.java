package io.github.iotpipeline.collector.ingest;

import java.nio.charset.StandardCharsets;

import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.mqtt.BufferedSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.util.StringUtils;

/**
 * Inbound direction: an MQTT 5 subscription with a persistent session and manual acknowledgements, feeding
 * the intake.
 * <p>
 * MQTT 5 because of Receive Maximum: the client tells the broker how many unacknowledged messages it will
 * take. Over MQTT 3.1.1 Mosquitto allows only {@code max_inflight_messages} (20 by default), so with
 * acknowledgements held until commit a 100-message batch would never fill and the collector would crawl
 * at 20 readings per flush interval.
 */
@Configuration(proxyBeanMethods = false)
class MqttInboundConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MqttInboundConfiguration.class);

    private static final long QUIESCENT_TIMEOUT_MS = 500;
    private static final long DISCONNECT_TIMEOUT_MS = 5_000;

    @Bean
    MqttConnectionOptions mqttConnectionOptions(MqttProperties mqtt, BatchProperties batch) {
        if (mqtt.receiveMaximum() < batch.size()) {
            throw new IllegalStateException("mqtt.receive-maximum (" + mqtt.receiveMaximum()
                    + ") must be at least collector.batch.size (" + batch.size() + "), or a batch can never fill");
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(new String[] {mqtt.url()});
        options.setCleanStart(false);
        options.setSessionExpiryInterval(mqtt.sessionExpiry().toSeconds());
        options.setReceiveMaximum(mqtt.receiveMaximum());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval((int) mqtt.keepAlive().toSeconds());
        options.setConnectionTimeout((int) mqtt.connectionTimeout().toSeconds());
        if (mqtt.url().startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        if (StringUtils.hasText(mqtt.username())) {
            options.setUserName(mqtt.username());
        }
        if (StringUtils.hasText(mqtt.password())) {
            options.setPassword(mqtt.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    @Bean
    Mqttv5PahoMessageDrivenChannelAdapter mqttInbound(MqttConnectionOptions options, MqttProperties mqtt,
            SensorTopics topics, MqttConnectionState state) {
        Mqttv5PahoMessageDrivenChannelAdapter adapter = new ObservedMqttInboundAdapter(options, mqtt.clientId(),
                state, new MqttSubscription(StringUtils.hasText(mqtt.topicFilter()) ? mqtt.topicFilter()
                        : topics.subscription(), 1));
        adapter.setManualAcks(true);
        adapter.setPayloadType(byte[].class);
        // Unacknowledged messages live in the broker's session, which outlives this process; the client
        // itself needs no durable store.
        adapter.setPersistence(new MemoryPersistence());
        // Start after, and stop before, the rest of the flow, but after the buffer has drained: no message
        // may arrive while the flow cannot take it.
        adapter.setPhase(ReadingBuffer.PHASE - 1);
        // The buffer has acknowledged what it could by then; waiting for the rest only delays shutdown.
        adapter.setQuiescentTimeout(QUIESCENT_TIMEOUT_MS);
        // A message that arrives while the flow stops has nowhere to go. Thrown back into the client, that
        // would drop the connection; instead it stays unacknowledged and the broker delivers it again.
        adapter.setErrorChannel((message, timeout) -> {
            log.debug("Message not taken while stopping; left for redelivery: {}", message.getPayload());
            return true;
        });
        adapter.setDisconnectCompletionTimeout(DISCONNECT_TIMEOUT_MS);
        return adapter;
    }

    @Bean
    IntegrationFlow readingsInboundFlow(Mqttv5PahoMessageDrivenChannelAdapter mqttInbound, MessageIntake intake) {
        return IntegrationFlow.from(mqttInbound)
                // Below the adapter's phase: started before it, stopped after it, so that no message arrives
                // while the flow has nobody to take it.
                .handle(intake, "accept", endpoint -> endpoint.id("bufferReadings").phase(ReadingBuffer.PHASE - 2))
                .get();
    }
}

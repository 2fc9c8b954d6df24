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
import org.springframework.context.annotation.Profile;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.util.StringUtils;

/**
 * Inbound direction: an MQTT 5 subscription with a persistent session and manual acknowledgements
 * ({@code mqttInbound}), whose messages the flow ({@code inboundFlow}) hands to the intake.
 * <p>
 * MQTT 5 because of Receive Maximum: the client tells the broker how many unacknowledged messages it will
 * take. Over MQTT 3.1.1 Mosquitto allows only {@code max_inflight_messages} (20 by default), so with
 * acknowledgements held until commit a 100-message batch would never fill and the collector would crawl
 * at 20 readings per flush interval.
 */
@Configuration(proxyBeanMethods = false)
// Not while replaying the archive: that process only reads and writes the database.
@Profile("!command")
class MqttInboundConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MqttInboundConfiguration.class);

    private static final String READINGS_CHANNEL = "readingsChannel";
    private static final long QUIESCENT_TIMEOUT_MS = 500;
    /**
     * Paho completes a disconnect only when this runs out (the DISCONNECT is written at once, but its token is
     * never marked done), so every shutdown waits for all of it.
     */
    private static final long DISCONNECT_TIMEOUT_MS = 1_000;

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
        adapter.setOutputChannelName(READINGS_CHANNEL);
        adapter.setManualAcks(true);
        adapter.setPayloadType(byte[].class);
        // Unacknowledged messages live in the broker's session, which outlives this process; the client
        // itself needs no durable store.
        adapter.setPersistence(new MemoryPersistence());
        // Stops after the buffer, which by then has written and acknowledged what it took and takes nothing more.
        adapter.setPhase(ReadingBuffer.PHASE - 1);
        // The buffer has acknowledged what it could by then; waiting for the rest only delays shutdown.
        adapter.setQuiescentTimeout(QUIESCENT_TIMEOUT_MS);
        // The intake never throws, so this only sees the unforeseen. Thrown back into the client, an exception
        // would drop the connection, and a message that always fails would drop it again on every redelivery,
        // stalling the flow; logged here instead, it stays unacknowledged until the next connection.
        adapter.setErrorChannel((error, timeout) -> {
            log.warn("A message could not be taken; it stays unacknowledged until the next connection",
                    error.getPayload() instanceof Throwable cause ? cause : null);
            return true;
        });
        adapter.setDisconnectCompletionTimeout(DISCONNECT_TIMEOUT_MS);
        return adapter;
    }

    /**
     * From the adapter's channel to the intake. The channel is a fixed-subscriber one: its one subscriber, the
     * intake, is fixed when it is built, so messages are taken from the moment the client connects. An
     * ordinary channel gets its subscriber when the subscribing endpoint starts, and the adapter starts before
     * anything that depends on it: a message the broker redelivers right after CONNACK could arrive first, go
     * unacknowledged on a live connection and wait for the next reconnect, which may be days away. That is
     * also why the flow does not start {@code from(mqttInbound)}: the DSL would put an ordinary channel
     * between the two.
     */
    @Bean
    IntegrationFlow inboundFlow(MessageIntake intake) {
        return IntegrationFlow.from(READINGS_CHANNEL, true)
                .handle(intake, endpoint -> endpoint.id("intake"))
                .get();
    }
}

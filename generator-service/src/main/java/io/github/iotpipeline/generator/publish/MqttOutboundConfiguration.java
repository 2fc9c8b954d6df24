package io.github.iotpipeline.generator.publish;

import java.nio.charset.StandardCharsets;

import io.github.iotpipeline.generator.GeneratorProperties;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.mqtt.BufferedSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.StringUtils;

/** Readings leave the generator here: channel, MQTT client, outbound adapter and the flow between them. */
@Configuration(proxyBeanMethods = false)
class MqttOutboundConfiguration {

    /**
     * The client must be connected (or reconnecting) before the outbound endpoint starts, which asks it for the
     * client, and must stop after it. Integration endpoints start in phase {@code Integer.MIN_VALUE}.
     */
    static final int CLIENT_PHASE = Integer.MIN_VALUE;

    static final int OUTBOUND_PHASE = 0;

    @Bean
    MessageChannel readingsChannel() {
        return new DirectChannel();
    }

    @Bean
    Mqttv5ClientManager mqttClientManager(MqttProperties mqtt) {
        Mqttv5ClientManager manager = new Mqttv5ClientManager(connectionOptions(mqtt), mqtt.clientId());
        // Readings are not worth keeping across a restart; nothing is written to disk.
        manager.setPersistence(new MemoryPersistence());
        manager.setCompletionTimeout(mqtt.connectTimeout().toMillis());
        manager.setQuiescentTimeout(mqtt.shutdownTimeout().toMillis());
        manager.setDisconnectCompletionTimeout(mqtt.shutdownTimeout().toMillis());
        manager.setPhase(CLIENT_PHASE);
        return manager;
    }

    @Bean
    Mqttv5PahoMessageHandler mqttHandler(Mqttv5ClientManager clientManager, GeneratorProperties generator) {
        Mqttv5PahoMessageHandler handler = new Mqttv5PahoMessageHandler(clientManager);
        handler.setDefaultQos(generator.qos());
        // The scheduler thread hands readings over and moves on; acknowledgements arrive as events.
        handler.setAsync(true);
        handler.setAsyncEvents(true);
        return handler;
    }

    @Bean
    IntegrationFlow readingsOutboundFlow(MessageChannel readingsChannel, Mqttv5PahoMessageHandler mqttHandler) {
        return IntegrationFlow.from(readingsChannel)
                .handle(mqttHandler, e -> e.id("mqttOutbound").phase(OUTBOUND_PHASE))
                .get();
    }

    @Bean
    SensorTopics sensorTopics(MqttProperties mqtt) {
        return new SensorTopics(mqtt.topicRoot());
    }

    @Bean
    ReadingCodec readingCodec() {
        return new ReadingCodec();
    }

    private static MqttConnectionOptions connectionOptions(MqttProperties mqtt) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(new String[] {mqtt.url()});
        // A publisher with QoS 1 and in-memory state gains nothing from a broker-side session; leave none behind.
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        // Also covers a broker that is down at startup: the client manager then starts the reconnect cycle.
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(Math.toIntExact(mqtt.maxReconnectDelay().toMillis()));
        options.setConnectionTimeout(Math.toIntExact(mqtt.connectTimeout().toSeconds()));
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
}

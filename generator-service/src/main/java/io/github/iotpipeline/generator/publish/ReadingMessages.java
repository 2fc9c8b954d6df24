package io.github.iotpipeline.generator.publish;

import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;

import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Turns a reading into the message the outbound adapter publishes: wire-form payload, topic of its sensor. */
@Component
class ReadingMessages {

    private final SensorTopics topics;
    private final ReadingCodec codec;

    ReadingMessages(SensorTopics topics, ReadingCodec codec) {
        this.topics = topics;
        this.codec = codec;
    }

    Message<byte[]> toMessage(SensorReading reading) {
        return MessageBuilder.withPayload(codec.encode(reading))
                .setHeader(MqttHeaders.TOPIC, topics.topicFor(reading.sensorId()))
                .build();
    }
}

package io.github.iotpipeline.collector.ingest;

import java.time.Clock;

import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.ReadingContract;
import io.github.iotpipeline.model.SensorTopics;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wire contract from common-model, wired with this deployment's topic root and limits. */
@Configuration(proxyBeanMethods = false)
class ContractConfiguration {

    @Bean
    SensorTopics sensorTopics(MqttProperties mqtt) {
        return new SensorTopics(mqtt.topicRoot());
    }

    @Bean
    ReadingContract readingContract(SensorTopics topics, Validator validator, BatchProperties batch) {
        return new ReadingContract(topics, new ReadingCodec(), validator, batch.maxPayloadBytes());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

package io.github.iotpipeline.collector.ingest;

import java.lang.annotation.ElementType;
import java.time.Clock;

import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.ReadingContract;
import io.github.iotpipeline.model.SensorTopics;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidatorFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wire contract from common-model, wired with this deployment's topic root and limits. */
@Configuration(proxyBeanMethods = false)
class ContractConfiguration {

    @Bean
    SensorTopics sensorTopics(MqttProperties mqtt) {
        return new SensorTopics(mqtt.topicRoot());
    }

    /**
     * The contract validates with the application's validator factory (its messages, its settings) but walks
     * every property. With Hibernate on the class path the default resolver asks JPA, property by property,
     * whether a lazy association is loaded; a reading is a record and has none, and those questions were a
     * tenth of a replay's checking time.
     */
    @Bean
    ReadingContract readingContract(SensorTopics topics, ValidatorFactory validators, BatchProperties batch) {
        Validator validator = validators.unwrap(HibernateValidatorFactory.class).usingContext()
                .traversableResolver(new EveryPropertyReachable())
                // Nothing to cache when every answer is yes: the cache was a map per validated reading.
                .enableTraversableResolverResultCache(false)
                .getValidator();
        return new ReadingContract(topics, new ReadingCodec(), validator, batch.maxPayloadBytes());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A resolver for plain objects: every property is there to be validated. */
    private static final class EveryPropertyReachable implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }
    }
}

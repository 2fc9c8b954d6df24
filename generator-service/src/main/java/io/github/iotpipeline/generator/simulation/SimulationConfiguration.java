package io.github.iotpipeline.generator.simulation;

import java.security.SecureRandom;

import io.github.iotpipeline.generator.GeneratorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SimulationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SimulationConfiguration.class);

    @Bean
    SensorFleet sensorFleet(GeneratorProperties properties, FaultProperties faultProperties) {
        Long configured = properties.seed();
        long seed = configured != null ? configured : new SecureRandom().nextLong();
        FaultPlan faults = FaultPlan.from(faultProperties);
        SensorFleet fleet = SensorFleet.create(properties.sensorCount(), properties.spikeProbability(), seed, faults);
        // The seed is logged so that an interesting run can be replayed with GENERATOR_SEED.
        log.info("Simulating {} sensors with seed {} and spike probability {}",
                properties.sensorCount(), seed, properties.spikeProbability());
        // Faulty data downstream should never be a mystery: say which sensors produce it on purpose.
        faults.describe().forEach(fault -> log.info("Simulating fault {}", fault));
        return fleet;
    }
}

package io.github.iotpipeline.generator;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Simulates a fleet of sensors and publishes their readings to the MQTT broker. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GeneratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(GeneratorApplication.class, args);
    }

    /** Readings carry UTC timestamps; a bean so that the time source is one place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

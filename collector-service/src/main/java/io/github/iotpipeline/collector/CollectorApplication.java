package io.github.iotpipeline.collector;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Subscribes to sensor readings, validates them, and keeps every one in PostgreSQL and in daily raw files
 * before acknowledging it to the broker.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its own configuration file, {@code collector.yml}: a named file, not
     * {@code application.yml}, so that the collector and the generator can share a classpath (as in the
     * end-to-end tests) without reading each other's settings.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CollectorApplication.class).properties("spring.config.name=collector");
    }
}

package io.github.iotpipeline.generator;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Simulates a fleet of sensors and publishes their readings to the MQTT broker.
 * <p>
 * It has no database. Where it shares a classpath with the collector (the local stack, the end-to-end tests),
 * the collector's database auto-configurations are present too; they are excluded by name, so that the
 * generator neither needs them nor tries to connect to a database.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
@ConfigurationPropertiesScan
public class GeneratorApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its own configuration file, {@code generator.yml}: a named file, not
     * {@code application.yml}, so that the generator and the collector can share a classpath (as in the
     * end-to-end tests) without reading each other's settings.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GeneratorApplication.class).properties("spring.config.name=generator");
    }

    /** Readings carry UTC timestamps; a bean so that the time source is one place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

package io.github.iotpipeline.collector;

import java.util.Arrays;

import io.github.iotpipeline.collector.replay.ReplayArguments;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
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

    /**
     * Runs the collector, or, with {@code replay} as the first argument, the replay command
     * (docs/REPROCESSING.md), which exits with its outcome.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("replay")) {
            replay(args);
        }
        builder().run(args);
    }

    /**
     * A command, not a service: no web server, no MQTT subscription, and an exit code. Wrong arguments are
     * said before anything starts, so that nothing, not even a migration, runs for them.
     */
    private static void replay(String[] args) {
        String problem = ReplayArguments.problemWith(Arrays.asList(args).subList(1, args.length));
        if (problem != null) {
            LoggerFactory.getLogger("replay").error("replay: " + problem);
            System.exit(2);
        }
        System.exit(SpringApplication.exit(builder().profiles("replay").web(WebApplicationType.NONE).run(args)));
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

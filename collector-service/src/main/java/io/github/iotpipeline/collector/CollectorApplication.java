package io.github.iotpipeline.collector;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.iotpipeline.collector.redrive.RedriveArguments;
import io.github.iotpipeline.collector.replay.ReplayArguments;
import org.jspecify.annotations.Nullable;
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

    /** The commands, by the first argument that names them, with the check of the arguments after it. */
    private static final Map<String, Function<List<String>, @Nullable String>> COMMANDS = Map.of(
            "replay", ReplayArguments::problemWith,
            "redrive", RedriveArguments::problemWith);

    /**
     * Runs the collector, or, with {@code replay} or {@code redrive} as the first argument, that command
     * (docs/REPROCESSING.md), which exits with its outcome.
     */
    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.containsKey(args[0])) {
            runCommand(args[0], args);
        }
        builder().run(args);
    }

    /**
     * A command, not a service: no web server, no MQTT subscription, and an exit code. Wrong arguments are
     * said before anything starts, so that nothing, not even a migration, runs for them.
     */
    private static void runCommand(String name, String[] args) {
        String problem = COMMANDS.get(name).apply(Arrays.asList(args).subList(1, args.length));
        if (problem != null) {
            LoggerFactory.getLogger(name).error(name + ": " + problem);
            System.exit(2);
        }
        System.exit(SpringApplication.exit(command(name).run(args)));
    }

    /**
     * The application with its own configuration file, {@code collector.yml}: a named file, not
     * {@code application.yml}, so that the collector and the generator can share a classpath (as in the
     * end-to-end tests) without reading each other's settings.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CollectorApplication.class).properties("spring.config.name=collector");
    }

    /**
     * The application as the command {@code name} runs it: profile {@code command} (what only the live
     * collector does is off, and output is plain, see collector-command.yml) and profile {@code name}.
     */
    public static SpringApplicationBuilder command(String name) {
        return builder().profiles("command", name).web(WebApplicationType.NONE);
    }
}

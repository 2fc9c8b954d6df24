package io.github.iotpipeline.generator;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the generator for a test, on a random HTTP port, publishing every 100 ms with a fixed seed.
 * <p>
 * Settings are passed as command-line arguments because {@code generator.yml} names every key with an
 * environment fallback, and defaults given with {@code SpringApplicationBuilder.properties(...)} rank below
 * it. To use {@code properties(...)}, give the environment names instead ({@code MQTT_URL=...}).
 */
public final class TestGenerator {

    private TestGenerator() {
    }

    public static ConfigurableApplicationContext start(String brokerUrl, String topicRoot, String clientId,
            String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--mqtt.url=" + brokerUrl,
                "--mqtt.topic-root=" + topicRoot,
                "--mqtt.client-id=" + clientId,
                "--generator.interval=100ms",
                "--generator.seed=42",
                "--server.port=0",
                "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(moreArguments));
        return GeneratorApplication.builder().run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}

package io.github.iotpipeline.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.iotpipeline.collector.CollectorApplication;
import io.github.iotpipeline.collector.ingest.MqttConnectionState;
import io.github.iotpipeline.generator.GeneratorApplication;
import io.github.iotpipeline.localstack.LocalStackSettings.Passwords;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The collector and the generator: the same Spring applications, with the same configuration files, that run
 * in compose, given here what compose gives them through the environment (addresses, logins). The local
 * stack closes them itself, in order, so neither registers a shutdown hook of its own.
 */
final class PipelineServices {

    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(60);

    private PipelineServices() {
    }

    /** Starts the collector and waits until its session exists on the broker, so nothing is published unseen. */
    static ConfigurableApplicationContext startCollector(int databasePort, String brokerUrl, int port,
            LocalStackSettings settings) {
        Passwords passwords = settings.passwords();
        List<String> arguments = new ArrayList<>(common(port));
        arguments.addAll(List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + databasePort + "/"
                        + LocalStackSettings.DATABASE,
                "--spring.datasource.username=collector",
                "--spring.datasource.password=" + passwords.collector(),
                "--spring.flyway.user=" + LocalStackSettings.OWNER,
                "--spring.flyway.password=" + passwords.owner(),
                "--mqtt.url=" + brokerUrl,
                "--collector.batch.flush-interval=" + settings.collectorFlushInterval(),
                "--spring.lifecycle.timeout-per-shutdown-phase=" + settings.collectorShutdownTimeout()));
        ConfigurableApplicationContext collector = run(CollectorApplication.builder(), arguments);
        MqttConnectionState connection = collector.getBean(MqttConnectionState.class);
        long deadline = System.nanoTime() + SUBSCRIBE_WAIT.toNanos();
        while (!connection.subscribed() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            pause();
        }
        return collector;
    }

    /** Starts the generator, publishing to the broker with a client id of its own. */
    static ConfigurableApplicationContext startGenerator(String brokerUrl, int port) {
        List<String> arguments = new ArrayList<>(common(port));
        arguments.addAll(List.of("--mqtt.url=" + brokerUrl,
                // MQTT_CLIENT_ID names the collector's session; the generator must not take it over.
                "--mqtt.client-id=iot-generator"));
        return run(GeneratorApplication.builder(), arguments);
    }

    private static List<String> common(int port) {
        // One console for both applications: no banners, no start-up chatter, no application name that the
        // second application's log lines would get wrong; the logger names say who speaks.
        return List.of("--server.address=127.0.0.1", "--server.port=" + port,
                "--spring.main.banner-mode=off", "--spring.main.log-startup-info=false",
                "--logging.config=classpath:" + LocalStackApplication.LOGGING_CONFIG,
                "--logging.include-application-name=false", "--logging.register-shutdown-hook=false");
    }

    private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, List<String> arguments) {
        return builder.registerShutdownHook(false).run(arguments.toArray(String[]::new));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.iotpipeline.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import io.github.iotpipeline.embedded.EmbeddedBroker;
import io.github.iotpipeline.embedded.LoopbackPorts;
import io.github.iotpipeline.localstack.PortChoice.Chosen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline in this JVM: PostgreSQL, the MQTT broker, the collector and the generator, started in that
 * order and stopped in the reverse one, so the generator stops publishing first, the collector writes and
 * acknowledges what it holds while the broker and the database are still there, and both of those save their
 * state last.
 */
final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final Deque<Stage> running = new ArrayDeque<>();
    private boolean closing;

    /** Something started, and how to stop it. */
    private record Stage(String name, AutoCloseable stop) {
    }

    /** What a user needs to reach the running stack. */
    record Addresses(int postgresPort, int mqttPort, int collectorPort, int generatorPort, Path dataDirectory,
            Path rawDirectory) {
    }

    /**
     * Starts everything, in order. A {@link #close()} meanwhile (Ctrl-C during the start) stops what has started
     * and ends the start with a {@link StartupFailure}; so does a failure of any stage.
     */
    void start(LocalStackSettings settings, Consumer<Addresses> onStarted) {
        PortChoice ports = new PortChoice(LoopbackPorts::isFree, LoopbackPorts::free);
        Chosen postgres = announce(ports.choose(settings.postgresPort()));
        Chosen mqtt = announce(ports.choose(settings.mqttPort()));
        Chosen collectorPort = announce(ports.choose(settings.collectorPort()));
        Chosen generatorPort = announce(ports.choose(settings.generatorPort()));
        try {
            Path data = settings.dataDirectory();
            log.info("Starting PostgreSQL 17 on 127.0.0.1:{}, data in {}", postgres.port(), data.resolve("postgres"));
            started("PostgreSQL", LocalDatabase.start(data.resolve("postgres"), postgres.port(), settings.passwords()));

            log.info("Starting the MQTT broker on 127.0.0.1:{}, data in {}", mqtt.port(), data.resolve("broker"));
            EmbeddedBroker broker = started("the MQTT broker",
                    EmbeddedBroker.start(mqtt.port(), data.resolve("broker"), true));

            log.info("Starting the collector (migrates the schema, subscribes)");
            ConfigurableApplicationContext collector = started("the collector", PipelineServices.startCollector(
                    postgres.port(), broker.url(), collectorPort.port(), settings));

            log.info("Starting the generator");
            started("the generator", PipelineServices.startGenerator(broker.url(), generatorPort.port()));

            Path raw = Path.of(collector.getEnvironment().getProperty("collector.raw.directory", "data/raw"))
                    .toAbsolutePath().normalize();
            onStarted.accept(new Addresses(postgres.port(), mqtt.port(), collectorPort.port(), generatorPort.port(),
                    data, raw));
        }
        catch (RuntimeException ex) {
            stopAll();
            throw ex;
        }
    }

    /** Whether {@link #close()} has been called: the user stopped the stack, or the JVM is on its way out. */
    synchronized boolean closing() {
        return closing;
    }

    /** Records a stage that has started; one that started while the stack was being closed is closed at once. */
    private synchronized <T extends AutoCloseable> T started(String name, T stage) {
        if (closing) {
            stop(new Stage(name, stage));
            throw new StartupFailure("stopped while starting");
        }
        running.push(new Stage(name, stage));
        return stage;
    }

    /** Stops everything that started, and whatever starts later on. */
    @Override
    public synchronized void close() {
        closing = true;
        stopAll();
    }

    /** Stops everything that started, newest first; a failing stop does not keep the others running. */
    private synchronized void stopAll() {
        if (running.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        while (!running.isEmpty()) {
            stop(running.pop());
        }
        log.info("Local stack stopped in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void stop(Stage stage) {
        try {
            stage.stop().close();
            log.info("Stopped {}", stage.name());
        }
        catch (Exception ex) {
            log.warn("{} did not stop cleanly: {}", stage.name(), ex.getMessage());
        }
    }

    private static Chosen announce(Chosen chosen) {
        if (chosen.moved()) {
            log.info("Port {} is in use, so {} listens on {} (set {} to choose one)", chosen.setting().port(),
                    chosen.setting().service(), chosen.port(), chosen.setting().variable());
        }
        return chosen;
    }
}

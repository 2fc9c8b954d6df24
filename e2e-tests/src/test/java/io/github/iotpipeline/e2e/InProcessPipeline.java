package io.github.iotpipeline.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.iotpipeline.collector.CollectorApplication;
import io.github.iotpipeline.collector.ingest.MqttConnectionState;
import io.github.iotpipeline.collector.schema.SchemaMigration;
import io.github.iotpipeline.generator.GeneratorApplication;
import io.github.iotpipeline.testsupport.CollectorArguments;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Collector and generator in this JVM, through the shared broker into a fresh database, on a topic root of
 * their own. Closing it stops both, clears the collector's broker session and drops the database.
 */
final class InProcessPipeline implements AutoCloseable {

    private final TestDatabase database;
    private final String name;
    private final ConfigurableApplicationContext collector;
    private ConfigurableApplicationContext generator;

    private InProcessPipeline(TestDatabase database, String name, ConfigurableApplicationContext collector) {
        this.database = database;
        this.name = name;
        this.collector = collector;
    }

    /** Starts the collector with the given further settings and waits until it is subscribed and migrated. */
    static InProcessPipeline startCollector(String prefix, Path rawDirectory, Map<String, String> settings) {
        TestDatabase database = TestDatabase.create(prefix);
        String name = TestBroker.uniqueName(prefix);
        CollectorArguments arguments = CollectorArguments.of(database, TestBroker.url(), name, rawDirectory);
        if (TestBroker.isEmbedded()) {
            // As the local stack does: the embedded broker holds new messages back while a batch is in flight.
            // A flush interval among the settings replaces this one.
            arguments = arguments.with("collector.batch.flush-interval", "2s");
        }
        InProcessPipeline pipeline = new InProcessPipeline(database, name,
                CollectorApplication.builder().run(arguments.with(settings).commandLine().toArray(String[]::new)));
        MqttConnectionState connection = pipeline.collector.getBean(MqttConnectionState.class);
        SchemaMigration schema = pipeline.collector.getBean(SchemaMigration.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> connection.subscribed() && schema.ready());
        return pipeline;
    }

    /** Starts the generator, publishing to the collector's topic root, with the given further arguments. */
    void startGenerator(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--mqtt.url=" + TestBroker.url(),
                "--mqtt.client-id=" + name + "-generator", "--mqtt.topic-root=" + name, "--server.port=0"));
        all.addAll(List.of(arguments));
        generator = GeneratorApplication.builder().run(all.toArray(String[]::new));
    }

    ConfigurableApplicationContext collector() {
        return collector;
    }

    JdbcTemplate jdbc() {
        return collector.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.close();
        }
        collector.close();
        MqttTestClient.clearSession(TestBroker.url(), name);
        database.close();
    }
}

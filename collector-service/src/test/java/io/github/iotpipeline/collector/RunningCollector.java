package io.github.iotpipeline.collector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.iotpipeline.collector.ingest.MqttConnectionState;
import io.github.iotpipeline.collector.schema.SchemaMigration;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.CollectorArguments;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * A collector started in this JVM against a real database and broker, with its own client id and topic
 * root so that it shares the broker with nobody. Closing it stops the collector and removes the persistent
 * session it left on the broker.
 */
public final class RunningCollector implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final String brokerUrl;
    private final String clientId;
    private final SensorTopics topics;

    private RunningCollector(ConfigurableApplicationContext context, String brokerUrl, String clientId,
            SensorTopics topics) {
        this.context = context;
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.topics = topics;
    }

    public static RunningCollector start(TestDatabase database, String brokerUrl, String name, Path rawDirectory,
            Map<String, Object> overrides) {
        CollectorArguments arguments = CollectorArguments.of(database, brokerUrl, name, rawDirectory).with(overrides);
        ConfigurableApplicationContext context = CollectorApplication.builder()
                .run(arguments.commandLine().toArray(String[]::new));
        RunningCollector collector = new RunningCollector(context, brokerUrl, name, new SensorTopics(name));
        collector.awaitConnected();
        return collector;
    }

    public SensorTopics topics() {
        return topics;
    }

    /** Fetches a path from the collector's HTTP port, such as {@code /actuator/health}. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String port = context.getEnvironment().getRequiredProperty("local.server.port");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    /** Waits until the schema is migrated and the subscription is in place. */
    public void awaitConnected() {
        MqttConnectionState state = context.getBean(MqttConnectionState.class);
        SchemaMigration schema = context.getBean(SchemaMigration.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> state.subscribed() && schema.ready());
    }

    /** Stops the collector, leaving its session on the broker. */
    public void stop() {
        if (context.isActive()) {
            context.close();
        }
    }

    @Override
    public void close() {
        stop();
        MqttTestClient.clearSession(brokerUrl, clientId);
    }
}

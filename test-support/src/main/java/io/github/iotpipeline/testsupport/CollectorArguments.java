package io.github.iotpipeline.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line that starts a collector against a test's database and broker, as an MQTT client of its own
 * on a topic root of its own, so that it shares the broker with nobody. The fixtures that start one, in the
 * test's JVM or as a process, take it from here rather than each spelling the collector's property names; it is
 * plain arguments because test-support cannot depend on the collector, whose tests depend on test-support.
 * <p>
 * Command-line arguments, not default properties: they must win over the collector's {@code collector.yml}.
 * Each property appears once, as Spring joins repeated arguments with commas rather than taking the last.
 *
 * @param name the collector's MQTT client id and topic root
 * @param settings further properties, which replace those of the same name that this record sets itself
 */
public record CollectorArguments(String datasourceUrl, String username, String password, String brokerUrl,
        String name, Path rawDirectory, Map<String, String> settings) {

    public CollectorArguments {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A collector on the given database and broker that listens on a port of its own choosing. */
    public static CollectorArguments of(TestDatabase database, String brokerUrl, String name, Path rawDirectory) {
        return new CollectorArguments(database.jdbcUrl(), database.username(), database.password(), brokerUrl,
                name, rawDirectory, Map.of());
    }

    /** The same, reaching the database at another URL, such as through a {@link TcpProxy}. */
    public CollectorArguments withDatasourceUrl(String url) {
        return new CollectorArguments(url, username, password, brokerUrl, name, rawDirectory, settings);
    }

    /** The same with one more setting, which replaces an earlier one of the same name. */
    public CollectorArguments with(String key, Object value) {
        return with(Map.of(key, value));
    }

    /** The same with more settings, which replace earlier ones of the same name. */
    public CollectorArguments with(Map<String, ?> more) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        more.forEach((key, value) -> all.put(key, String.valueOf(value)));
        return new CollectorArguments(datasourceUrl, username, password, brokerUrl, name, rawDirectory, all);
    }

    /** {@code --key=value} for every property, each once. */
    public List<String> commandLine() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", datasourceUrl);
        properties.put("spring.datasource.username", username);
        properties.put("spring.datasource.password", password);
        properties.put("mqtt.url", brokerUrl);
        properties.put("mqtt.client-id", name);
        properties.put("mqtt.topic-root", name);
        properties.put("collector.raw.directory", rawDirectory.toString());
        properties.put("server.port", "0");
        properties.putAll(settings);
        List<String> arguments = new ArrayList<>(properties.size());
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return List.copyOf(arguments);
    }
}

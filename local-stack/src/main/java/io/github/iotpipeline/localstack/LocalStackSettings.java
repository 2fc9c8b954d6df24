package io.github.iotpipeline.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the local stack is told through the environment, with the compose stack's variable names and defaults
 * ({@code .env.example}). Every other variable of the collector and the generator (the README's tables) reaches
 * them as usual.
 *
 * @param dataDirectory where the database and the broker keep their state ({@code LOCAL_STACK_DATA_DIR})
 * @param collectorFlushInterval {@code COLLECTOR_FLUSH_INTERVAL}, 2 s here instead of compose's 5 s: the
 *        embedded broker sends the collector nothing new while a batch is unacknowledged, so a reading may wait
 *        for the batch before its own, two flush intervals; at 2 s it is queryable within about 4 s, as it is
 *        within 5 s through Mosquitto with 5 s
 * @param collectorShutdownTimeout {@code COLLECTOR_SHUTDOWN_TIMEOUT}, 20 s here instead of 30 s: it leaves
 *        time, within the 30 s a stop may take, for the broker and the database after the collector
 */
record LocalStackSettings(PortSetting postgresPort, PortSetting mqttPort, PortSetting collectorPort,
        PortSetting generatorPort, Path dataDirectory, Passwords passwords, String collectorFlushInterval,
        String collectorShutdownTimeout) {

    static final String DATABASE = "iot";

    static final String OWNER = "iot";

    /** Passwords of the database logins, as compose sets them. */
    record Passwords(String owner, String collector, String biReader) {

        @Override
        public String toString() {
            return "Passwords[owner=******, collector=******, biReader=******]";
        }
    }

    /**
     * A port: the default, which gives way to a free one when taken, or one set explicitly, which does not.
     *
     * @param service what listens there, as it reads in a sentence ("the MQTT broker")
     */
    record PortSetting(String variable, String service, int port, boolean explicit) {
    }

    /** Reads the settings; a malformed value stops the start with a message naming the variable. */
    static LocalStackSettings from(Map<String, String> environment) {
        return new LocalStackSettings(
                port(environment, "POSTGRES_PORT", "PostgreSQL", 5432),
                port(environment, "MQTT_PORT", "the MQTT broker", 1883),
                port(environment, "COLLECTOR_PORT", "the collector's Actuator", 8080),
                port(environment, "GENERATOR_PORT", "the generator's Actuator", 8081),
                Path.of(value(environment, "LOCAL_STACK_DATA_DIR", "data/local")).toAbsolutePath().normalize(),
                new Passwords(value(environment, "POSTGRES_PASSWORD", "iot"),
                        value(environment, "COLLECTOR_DB_PASSWORD", "collector"),
                        value(environment, "BI_READER_PASSWORD", "bi_reader")),
                value(environment, "COLLECTOR_FLUSH_INTERVAL", "2s"),
                value(environment, "COLLECTOR_SHUTDOWN_TIMEOUT", "20s"));
    }

    private static PortSetting port(Map<String, String> environment, String variable, String service, int fallback) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return new PortSetting(variable, service, fallback, false);
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return new PortSetting(variable, service, port, true);
            }
        }
        catch (NumberFormatException notANumber) {
            // Reported below, with the variable's name.
        }
        throw new StartupFailure(variable + "=" + value + " is not a port number (1 to 65535)");
    }

    private static String value(Map<String, String> environment, String variable, String fallback) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}

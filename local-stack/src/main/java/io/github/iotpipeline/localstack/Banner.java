package io.github.iotpipeline.localstack;

import io.github.iotpipeline.localstack.LocalStack.Addresses;

/** What the user reads once the stack is up: how to query, publish, watch, find the data and stop. */
final class Banner {

    private Banner() {
    }

    static String of(Addresses at) {
        String host = "127.0.0.1";
        // A line ending in a single backslash goes on in the next: the example reading is one line on screen.
        return """

                ======================================================================================
                 The IoT pipeline is running: PostgreSQL 17, MQTT broker, collector, generator
                ======================================================================================
                 Query (password bi_reader)  psql -h %1$s -p %2$d -U bi_reader -d iot
                                             SELECT * FROM latest_readings;
                 MQTT for devices            tcp://%1$s:%3$d   (anonymous, MQTT 3.1.1 and 5, loopback only)
                                             mosquitto_pub -h %1$s -p %3$d -q 1 -t sensors/my-sensor/readings \\
                                               -m '{"sensor_id":"my-sensor","timestamp":"2026-01-01T00:00:00Z",\
                "value":21.5}'
                 Collector                   http://%1$s:%4$d/actuator/health   .../actuator/prometheus
                 Generator                   http://%1$s:%5$d/actuator/health
                 Data                        %6$s (database, broker)
                                             %7$s (raw archive)
                 Stop                        Ctrl-C: stored readings are kept for the next start
                ======================================================================================
                """.formatted(host, at.postgresPort(), at.mqttPort(), at.collectorPort(), at.generatorPort(),
                at.dataDirectory(), at.rawDirectory());
    }
}

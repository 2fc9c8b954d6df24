package io.github.iotpipeline.collector.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With a filter wider than the readings topics, a message on any other topic is dead-lettered with its reason. */
class OffContractTopicTests {

    private static final String VALID = "{\"sensor_id\":\"sensor-1\","
            + "\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":1}";

    @TempDir
    static Path rawDirectory;

    private static TestDatabase database;
    private static RunningCollector collector;
    private static String root;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("off_contract");
        root = TestBroker.uniqueName("off-contract");
        collector = RunningCollector.start(database, TestBroker.url(), root, rawDirectory,
                Map.of("mqtt.topic-filter", root + "/sensors/#", "collector.batch.flush-interval", "1s"));
    }

    @AfterAll
    static void stop() {
        collector.close();
        database.close();
    }

    @Test
    void deadLettersMessagesOnTopicsOutsideTheContract() {
        try (MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(), root + "-publisher")) {
            publisher.publish(root + "/sensors/sensor-1/status", VALID);
            publisher.publish(root + "/sensors/sensor-1/extra/readings", VALID);
            publisher.publish(root + "/sensors/sensor-1/readings", VALID);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> collector.jdbc().queryForObject(
                "select count(*) from rejected_messages", Integer.class) == 2);
        assertThat(collector.jdbc().queryForList("select reason from rejected_messages", String.class))
                .containsOnly("topic_outside_contract");
        assertThat(collector.jdbc().queryForList("select topic from rejected_messages order by topic", String.class))
                .isEqualTo(List.of(root + "/sensors/sensor-1/extra/readings", root + "/sensors/sensor-1/status"));
        await().atMost(Duration.ofSeconds(15)).until(() -> collector.jdbc().queryForObject(
                "select count(*) from measurements", Integer.class) == 1);
    }
}

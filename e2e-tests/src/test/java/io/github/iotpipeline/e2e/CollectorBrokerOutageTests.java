package io.github.iotpipeline.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker (a Mosquitto of the test's own, with the project's configuration and persistence) stops cleanly
 * and starts again, alone or together with the database. The collector reconnects to its session and every
 * reading the broker accepted, before or after, is stored exactly once.
 */
class CollectorBrokerOutageTests {

    @TempDir
    Path work;

    private FaultScenario scenario;

    @AfterEach
    void tearDown() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void reconnectsAfterABrokerRestartAndStoresEverythingOnce() throws Exception {
        scenario = FaultScenario.createOnMosquitto("broker-restart", work, Map.of());
        CollectorProcess collector = scenario.startCollector();
        try (SequencePublisher publisher = scenario.publisher()) {
            publisher.publish(1_050, 400);
        }

        // The last part-filled batch is still buffered and unacknowledged when the broker goes.
        scenario.broker().stop();
        awaitNotReadyWith("mqtt");
        scenario.broker().restart();
        try (SequencePublisher publisher = scenario.publisher()) {
            publisher.publish(1_000, 400);
        }

        scenario.assertEveryPublishedReadingStoredOnce(0);
        assertThat(collector.starts()).as("no restart of the collector; %s", collector.describe()).isEqualTo(1);
    }

    @Test
    void startsWhileBrokerAndDatabaseAreDownAndCatchesUpOnceTheyReturn() throws Exception {
        scenario = FaultScenario.createOnMosquitto("all-down", work, Map.of());
        CollectorProcess collector = scenario.startCollector();
        collector.terminate();
        assertThat(collector.isAlive()).as("stopped by SIGTERM: %s", collector.describe()).isFalse();

        // Queued in the collector's session while it is away.
        try (SequencePublisher publisher = scenario.publisher()) {
            publisher.publish(500, 400);
        }
        scenario.broker().stop();
        scenario.databaseProxy().cut();
        collector.start();
        awaitNotReadyWith("db", "mqtt");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
                .until(() -> collector.isAlive() && !scenario.readiness().ready());

        scenario.databaseProxy().restore();
        scenario.broker().restart();
        try (SequencePublisher publisher = scenario.publisher()) {
            publisher.publish(500, 400);
        }

        scenario.assertEveryPublishedReadingStoredOnce(0);
        assertThat(collector.starts()).as("started once before and once during the outage; %s",
                collector.describe()).isEqualTo(2);
    }

    private void awaitNotReadyWith(String... downComponents) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            CollectorEndpoints.Readiness readiness = scenario.readiness();
            assertThat(readiness.httpStatus()).as("readiness: %s", readiness).isEqualTo(503);
            for (String component : downComponents) {
                assertThat(readiness.componentStatus(component)).as("%s in %s", component, readiness)
                        .isEqualTo("DOWN");
            }
        });
    }
}

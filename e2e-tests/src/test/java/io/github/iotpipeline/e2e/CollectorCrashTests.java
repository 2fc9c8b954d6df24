package io.github.iotpipeline.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector, as its own JVM, is ended while readings flow at QoS 1 — by SIGKILL, as a crash or the OOM
 * killer would, and by SIGTERM, as an orchestrator would — and started again. Afterwards every reading the
 * broker accepted is in the database exactly once and in the raw archive at least once.
 */
class CollectorCrashTests {

    private static final int KILLS = 3;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    /** JVM start-up of the shutdown hooks, and the phases outside the buffer's, on a busy machine. */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

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
    void losesAndDuplicatesNothingWhenKilledRepeatedlyWhileReadingsFlow() throws Exception {
        scenario = FaultScenario.create("crash", work, Map.of());
        CollectorProcess collector = scenario.startCollector();

        try (SequencePublisher publisher = scenario.publisher()) {
            CompletableFuture<Void> publishing = publisher.publishInBackground(3_000, 200);
            for (int kill = 0; kill < KILLS; kill++) {
                // Each process is killed once it is busy: it has taken a few batches, some not yet acknowledged.
                awaitReceived(300);
                collector.kill();
                collector.start();
            }
            publishing.get(60, TimeUnit.SECONDS);
        }

        scenario.assertEveryPublishedReadingStoredOnce(KILLS);
    }

    @Test
    void exitsWithinTheShutdownTimeoutOnSigtermDuringABurstAndLosesNothing() throws Exception {
        scenario = FaultScenario.create("sigterm", work,
                Map.of("spring.lifecycle.timeout-per-shutdown-phase", SHUTDOWN_TIMEOUT.toSeconds() + "s"));
        CollectorProcess collector = scenario.startCollector();

        try (SequencePublisher publisher = scenario.publisher()) {
            CompletableFuture<Void> burst = publisher.publishInBackground(3_000, 500);
            await().atMost(Duration.ofSeconds(20)).until(() -> scenario.published().acceptedCount() >= 1_000);
            Duration exit = collector.terminate();
            assertThat(collector.isAlive()).as("still running %s after SIGTERM: %s", exit, collector.describe())
                    .isFalse();
            assertThat(exit).as("time from SIGTERM to exit; %s", collector.describe())
                    .isLessThan(SHUTDOWN_TIMEOUT.plus(SHUTDOWN_MARGIN));
            collector.start();
            burst.get(60, TimeUnit.SECONDS);
        }

        scenario.assertEveryPublishedReadingStoredOnce(0);
    }

    private void awaitReceived(long messages) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(scenario.metrics().received()).as("messages received by %s",
                        scenario.collector().describe()).isGreaterThanOrEqualTo(messages));
    }
}

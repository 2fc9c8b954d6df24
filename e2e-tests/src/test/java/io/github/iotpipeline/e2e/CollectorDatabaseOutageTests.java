package io.github.iotpipeline.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL, seen through a {@link io.github.iotpipeline.testsupport.TcpProxy}, goes away or slows down while
 * readings flow. The collector keeps running, says it is not ready while it cannot write, keeps its memory
 * bounded, and stores everything once the database answers again.
 */
class CollectorDatabaseOutageTests {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration SLOW_DATABASE = Duration.ofMillis(200);
    /** The collector's own bound on messages held unacknowledged, set low so that a short burst reaches it. */
    private static final int MAX_BUFFERED = 1_000;
    private static final long RSS_LIMIT_KB = 600 * 1024;

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
    void reportsNotReadyWhileTheDatabaseIsUnreachableAndCatchesUpWithoutARestart() throws Exception {
        scenario = FaultScenario.create("db-down", work, Map.of());
        CollectorProcess collector = scenario.startCollector();

        try (SequencePublisher publisher = scenario.publisher()) {
            publisher.publish(500, 300);
            scenario.databaseProxy().cut();
            Instant cut = Instant.now();
            CompletableFuture<Void> duringOutage = publisher.publishInBackground(1_500, 300);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                CollectorEndpoints.Readiness readiness = scenario.readiness();
                assertThat(readiness.httpStatus()).as("readiness while the database is cut: %s", readiness)
                        .isEqualTo(503);
                assertThat(readiness.bufferDetail("consecutiveFailures")).as("failed writes: %s", readiness)
                        .isPositive();
            });
            Duration rest = OUTAGE.minus(Duration.between(cut, Instant.now()));
            await().during(rest).atMost(rest.plusSeconds(15)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> collector.isAlive() && !scenario.readiness().ready());
            duringOutage.get(30, TimeUnit.SECONDS);
            scenario.databaseProxy().restore();

            publisher.publish(500, 300);
        }

        scenario.assertEveryPublishedReadingStoredOnce(0);
        assertThat(collector.starts()).as("the same collector process caught up; %s", collector.describe())
                .isEqualTo(1);
    }

    @Test
    void keepsItsMemoryBoundedAndLosesNothingWhileTheDatabaseIsSlow() throws Exception {
        scenario = FaultScenario.create("db-slow", work, Map.of(
                "collector.batch.max-buffered", String.valueOf(MAX_BUFFERED),
                "collector.batch.max-size", String.valueOf(MAX_BUFFERED / 2)));
        CollectorProcess collector = scenario.startCollector();
        scenario.databaseProxy().setLatency(SLOW_DATABASE);
        Peaks peaks = new Peaks();

        try (SequencePublisher publisher = scenario.publisher()) {
            CompletableFuture<Void> burst = publisher.publishInBackground(2_000, 500);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                long stored = scenario.stored().count();
                peaks.sample(scenario.metrics().buffered(), collector.residentKilobytes(),
                        scenario.published().acceptedCount() - stored);
                return burst.isDone() && stored >= scenario.published().acceptedCount();
            });
            burst.get();
        }
        scenario.databaseProxy().setLatency(Duration.ZERO);
        System.out.println("slow database: " + peaks);

        assertThat(peaks.backlog).as("readings published and not yet stored, at most: the database was the"
                + " bottleneck").isGreaterThan(500);
        assertThat(peaks.buffered).as("collector_buffer_messages at most; %s", collector.describe())
                .isLessThanOrEqualTo(MAX_BUFFERED);
        assertThat(peaks.residentKb).as("VmRSS (kB) at most; %s", collector.describe())
                .isPositive().isLessThan(RSS_LIMIT_KB);
        scenario.assertEveryPublishedReadingStoredOnce(0);
    }

    /** The largest values seen while sampling. */
    private static final class Peaks {

        long buffered;
        long residentKb;
        long backlog;

        void sample(long buffered, long residentKb, long backlog) {
            this.buffered = Math.max(this.buffered, buffered);
            this.residentKb = Math.max(this.residentKb, residentKb);
            this.backlog = Math.max(this.backlog, backlog);
        }

        @Override
        public String toString() {
            return "at most " + buffered + " buffered, " + residentKb + " kB resident, " + backlog
                    + " readings published and not yet stored";
        }
    }
}

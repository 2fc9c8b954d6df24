package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.MosquittoProcess;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector, as its own JVM, is killed with SIGKILL twice while readings flow at QoS 1, and started
 * again each time. Afterwards every published reading is in the database exactly once and in the raw
 * archive at least once.
 */
class CollectorCrashTests {

    private static final int READINGS = 3_000;
    private static final int PER_SECOND = 300;

    @TempDir
    Path work;

    private MosquittoProcess broker;
    private TestDatabase database;
    private CollectorProcess collector;

    @BeforeEach
    void start() {
        broker = MosquittoProcess.startWithProjectConfig(ProjectFiles.mosquittoConfig());
        database = TestDatabase.create("crash");
    }

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        broker.close();
        database.close();
    }

    @Test
    void losesAndDuplicatesNothingWhenKilledWhileReadingsFlow() throws Exception {
        String name = TestBroker.uniqueName("crash");
        SensorTopics topics = new SensorTopics(name);
        Path raw = Files.createDirectories(work.resolve("raw"));
        // The log stays in target/ for whoever has to read why a run failed.
        collector = new CollectorProcess(database, broker.url(), name, raw, Path.of("target", name + ".log"));
        collector.start();
        ReadingCodec codec = new ReadingCodec();
        Instant base = Instant.parse("2026-06-01T00:00:00Z");

        try (MqttTestClient publisher = MqttTestClient.connect(broker.url(), name + "-publisher")) {
            awaitSubscribed(publisher, topics, codec);
            Instant started = Instant.now();
            for (int seq = 0; seq < READINGS; seq++) {
                pace(started, seq);
                if (seq == READINGS / 3 || seq == 2 * READINGS / 3) {
                    collector.kill();
                    collector.start();
                }
                SensorReading reading = new SensorReading("sensor-1", base.plusMillis(seq), seq % 40, "°C", (long) seq);
                publisher.publish(topics.topicFor("sensor-1"), codec.encode(reading));
            }
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(queryLong("select count(*) from measurements where seq >= 0"))
                        .isEqualTo(READINGS));
        assertThat(queryLong("select count(distinct seq) from measurements where seq >= 0")).isEqualTo(READINGS);
        assertThat(queryLong("select min(seq) from measurements where seq >= 0")).isZero();
        assertThat(queryLong("select max(seq) from measurements")).isEqualTo(READINGS - 1);
        assertThat(rawLinesWithSeq(raw)).isGreaterThanOrEqualTo(READINGS);
    }

    /** Publishes probes until one is stored: the collector has then created its session on the broker. */
    private void awaitSubscribed(MqttTestClient publisher, SensorTopics topics, ReadingCodec codec) {
        Instant probeTime = Instant.parse("2026-05-01T00:00:00Z");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            publisher.publish(topics.topicFor("sensor-1"),
                    codec.encode(new SensorReading("sensor-1", probeTime, 1, null, null)));
            return queryLong("select count(*) from measurements where seq is null") == 1;
        });
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long rawLinesWithSeq(Path raw) throws IOException {
        long lines = 0;
        try (Stream<Path> files = Files.list(raw)) {
            for (Path file : files.toList()) {
                try (Stream<String> content = Files.lines(file)) {
                    lines += content.filter(line -> line.contains("\\\"seq\\\":"))
                            .count();
                }
            }
        }
        return lines;
    }

    private static void pace(Instant started, int index) {
        Instant due = started.plusNanos(index * 1_000_000_000L / PER_SECOND);
        long wait = Duration.between(Instant.now(), due).toNanos();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}

package io.github.iotpipeline.collector.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the raw archive cannot be written, nothing is acknowledged or stored, health says why, and
 * everything flows again once the archive can be written — without a restart.
 */
class RawArchiveOutageTests {

    @TempDir
    static Path work;

    private static Path blocker;
    private static TestDatabase database;
    private static RunningCollector collector;

    @BeforeAll
    static void start() throws Exception {
        // A plain file where the archive's parent directory should be: even root cannot create it.
        blocker = Files.writeString(work.resolve("blocker"), "not a directory");
        database = TestDatabase.create("archive_outage");
        collector = RunningCollector.start(database, TestBroker.url(), TestBroker.uniqueName("archive-outage"),
                blocker.resolve("raw"), Map.of("collector.batch.flush-interval", "1s",
                        "collector.batch.max-retry-backoff", "1s"));
    }

    @AfterAll
    static void stop() {
        collector.close();
        database.close();
    }

    @Test
    void holdsEverythingWhileTheArchiveIsUnwritableAndCatchesUpAfterwards() throws Exception {
        SensorReading reading = new SensorReading("sensor-1", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                20, "°C", 1L);
        try (MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(),
                TestBroker.uniqueName("archive-pub"))) {
            publisher.publish(collector.topics().topicFor("sensor-1"), new ReadingCodec().encode(reading));
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode buffer = readiness().path("components").path("buffer");
            assertThat(buffer.path("status").asString()).isEqualTo("DOWN");
            assertThat(buffer.path("details").path("consecutiveFailures").asInt()).isPositive();
            assertThat(buffer.path("details").path("lastError").asString()).contains("raw archive");
        });
        assertThat(storedRows()).isZero();

        Files.delete(blocker);

        await().atMost(Duration.ofSeconds(15)).until(() -> storedRows() == 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(readiness().path("components").path("buffer").path("status").asString()).isEqualTo("UP"));
        try (var files = Files.list(blocker.resolve("raw"))) {
            assertThat(files.toList()).singleElement()
                    .satisfies(file -> assertThat(Files.readString(file)).contains("\\\"seq\\\":1"));
        }
    }

    private static JsonNode readiness() throws Exception {
        return new ObjectMapper().readTree(collector.get("/actuator/health/readiness").body());
    }

    private static int storedRows() {
        Integer count = collector.jdbc().queryForObject("select count(*) from measurements", Integer.class);
        return count == null ? 0 : count;
    }
}

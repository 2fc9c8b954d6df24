package io.github.iotpipeline.collector.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.PrometheusText;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A collector that was down over midnight closes the day it left open as soon as it starts. */
class DayClosingAtStartUpTests {

    @TempDir
    Path raw;

    @Test
    void closesADayLeftOpenWhileTheCollectorWasDownAndReportsIt() throws Exception {
        LocalDate earlier = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        ArchiveFiles files = new ArchiveFiles(raw);
        Instant noon = earlier.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12));
        String name = TestBroker.uniqueName("closing");
        String topic = new SensorTopics(name).topicFor("sensor-1");
        Files.writeString(files.plain(earlier), ArchiveDays.reading(noon, 1, topic) + ArchiveDays.refusal(noon));

        try (TestDatabase database = TestDatabase.create("closing");
                RunningCollector collector = RunningCollector.start(database, TestBroker.url(), name, raw,
                        Map.of())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(files.manifest(earlier))
                    && !Files.exists(files.plain(earlier)));

            String health = collector.get("/actuator/health/rawArchive").body();
            assertThat(health).contains("\"status\":\"UP\"").contains("\"daysClosed\":1")
                    .contains("\"lastClosedDay\":\"" + earlier + "\"");
            PrometheusText metrics = PrometheusText.parse(collector.get("/actuator/prometheus").body());
            assertThat(metrics.sum("collector_raw_days_closed_total")).isEqualTo(1);
            assertThat(metrics.sum("collector_raw_days_waiting")).isZero();
            assertThat(new ManifestFormat().read(Files.readAllBytes(files.manifest(earlier))))
                    .extracting(DayManifest::lines, DayManifest::accepted, DayManifest::refused)
                    .containsExactly(2L, 1L, 1L);
        }
    }
}

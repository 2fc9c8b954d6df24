package io.github.iotpipeline.collector.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A collector with a retention: old raw measurements go, the rollups and the raw archive files stay. */
class MeasurementExpiryTests {

    private static final ReadingCodec CODEC = new ReadingCodec();

    @TempDir
    Path rawDirectory;

    @Test
    void deletesOldMeasurementsButKeepsTheRollupsAndTheRawFiles() throws IOException, InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SensorReading> old = Stream.iterate(0, i -> i + 1).limit(120)
                .map(i -> new SensorReading("sensor-1", now.minus(Duration.ofDays(40)).plusSeconds(i), 20 + i / 100.0,
                        "°C", (long) i))
                .toList();
        SensorReading recent = new SensorReading("sensor-1", now.minusSeconds(5), 21.0, "°C", 500L);
        String name = TestBroker.uniqueName("expiry");
        try (TestDatabase database = TestDatabase.create("expiry");
                RunningCollector collector = RunningCollector.start(database, TestBroker.url(), name, rawDirectory,
                        Map.of("collector.retention.keep-measurements", "30d", "collector.batch.flush-interval", "1s"));
                MqttTestClient publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher")) {
            for (SensorReading reading : old) {
                publisher.publish(collector.topics().topicFor("sensor-1"), CODEC.encode(reading));
            }
            publisher.publish(collector.topics().topicFor("sensor-1"), CODEC.encode(recent));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> count(collector, "select count(*) from measurements") == 121);
            List<Map<String, Object>> rollupsBefore = rollups(collector);
            Map<Path, byte[]> rawBefore = rawFiles();

            long deleted = collector.bean(MeasurementExpiry.class).expireNow();

            assertThat(deleted).isEqualTo(120);
            assertThat(collector.jdbc().queryForList("select seq from measurements", Long.class)).containsExactly(500L);
            assertThat(rollups(collector)).isEqualTo(rollupsBefore);
            assertThat(count(collector, "select sum(reading_count) from measurements_1day")).isEqualTo(121);
            assertThat(rawFiles()).hasSameSizeAs(rawBefore).allSatisfy((file, bytes) ->
                    assertThat(bytes).isEqualTo(rawBefore.get(file)));
            assertThat(collector.get("/actuator/prometheus").body())
                    .contains("collector_measurements_expired_total 120.0");
        }
    }

    private static List<Map<String, Object>> rollups(RunningCollector collector) {
        return collector.jdbc().queryForList("select 'minute' as width, m::text as row from measurements_1min m"
                + " union all select 'hour', h::text from measurements_1hour h"
                + " union all select 'day', d::text from measurements_1day d"
                + " union all select 'activity', a::text from sensor_activity a order by 1, 2");
    }

    private Map<Path, byte[]> rawFiles() throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(rawDirectory)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static long count(RunningCollector collector, String sql) {
        Long count = collector.jdbc().queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}

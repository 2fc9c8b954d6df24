package io.github.iotpipeline.collector.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.github.iotpipeline.collector.RunningCollector;
import io.github.iotpipeline.collector.analytics.RollupRecomputation;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.ConnectionCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rollups as the collector's own write path keeps them (JPA batches rewritten into multi-row inserts that
 * ignore stored keys), compared with a recomputation from measurements after each kind of arrival.
 */
class RollupIngestTests {

    private static final ReadingCodec CODEC = new ReadingCodec();
    private static final String[] SENSORS = { "sensor-1", "sensor-2", "sensor-9" };

    @TempDir
    static Path rawDirectory;

    private static TestDatabase database;
    private static RunningCollector collector;
    private static MqttTestClient publisher;

    @BeforeAll
    static void startCollector() {
        database = TestDatabase.create("rollup_ingest");
        String name = TestBroker.uniqueName("rollup-ingest");
        collector = RunningCollector.start(database, TestBroker.url(), name, rawDirectory,
                Map.of("collector.batch.flush-interval", "1s"));
        publisher = MqttTestClient.connect(TestBroker.url(), name + "-publisher");
    }

    @AfterAll
    static void stopCollector() {
        publisher.close();
        collector.close();
        database.close();
    }

    @Test
    void rollupsEqualARecomputationAfterEachKindOfArrival() {
        Random random = new Random(17);
        // Five minutes of readings, two per second per sensor, ending a minute ago: every bucket is closed.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(6));
        List<SensorReading> readings = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            for (String sensor : SENSORS) {
                double value = Math.round(random.nextGaussian() * 1000) / 100.0 + (random.nextInt(40) == 0 ? 500 : 0);
                readings.add(new SensorReading(sensor, start.plusMillis(500L * i + random.nextInt(400)), value, null,
                        (long) i));
            }
        }
        List<SensorReading> onTime = new ArrayList<>();
        List<SensorReading> late = new ArrayList<>();
        for (int i = 0; i < readings.size() / 2; i++) {
            (i % 7 == 0 ? late : onTime).add(readings.get(i));
        }
        List<SensorReading> shuffled = new ArrayList<>(readings.subList(readings.size() / 2, readings.size()));
        Collections.shuffle(shuffled, random);

        publishAndAwait(onTime, onTime.size());
        assertThat(differences()).as("in order").isEmpty();

        publishAndAwait(late, onTime.size() + late.size());
        assertThat(differences()).as("late, into minutes already rolled up").isEmpty();

        // The same readings again, and the same keys with other values: neither may move a rollup.
        List<SensorReading> repeats = new ArrayList<>(late);
        late.forEach(reading -> repeats.add(new SensorReading(reading.sensorId(), reading.timestamp(),
                reading.value() + 1, reading.unit(), reading.seq())));
        long duplicatesBefore = duplicateRows();
        publish(repeats);
        await().atMost(Duration.ofSeconds(20)).until(() -> duplicateRows() == duplicatesBefore + repeats.size());
        assertThat(differences()).as("repeated").isEmpty();

        publishAndAwait(shuffled, readings.size());
        assertThat(differences()).as("out of order").isEmpty();
        assertThat(collector.jdbc().queryForObject("select sum(reading_count) from measurements_1day", Long.class))
                .isEqualTo(readings.size());
    }

    private static List<String> differences() {
        return collector.jdbc().execute((ConnectionCallback<List<String>>) connection -> {
            List<String> all = new ArrayList<>(RollupRecomputation.differencesFromMeasurements(connection));
            all.addAll(RollupRecomputation.differencesFromFinerRollups(connection));
            return all;
        });
    }

    private static void publishAndAwait(List<SensorReading> batch, int expectedRows) {
        publish(batch);
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.jdbc()
                .queryForObject("select count(*) from measurements", Long.class) == expectedRows);
    }

    private static void publish(List<SensorReading> batch) {
        for (SensorReading reading : batch) {
            publisher.publish(collector.topics().topicFor(reading.sensorId()), CODEC.encode(reading));
        }
    }

    private static long duplicateRows() {
        return collector.jdbc().queryForObject("select count(*) from duplicate_readings", Long.class);
    }
}

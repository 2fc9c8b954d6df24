package io.github.iotpipeline.generator.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

import io.github.iotpipeline.generator.ReadingSubscriber;
import io.github.iotpipeline.generator.TestGenerator;
import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.TestBroker;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Load mode against the shared broker: a fixed workload, every sequence number once, paced when asked. */
class LoadRunTests {

    private static final ReadingCodec CODEC = new ReadingCodec();

    @Test
    void publishesEverySequenceNumberOfEverySensorOnceAsFastAsTheBrokerTakesThem() throws Exception {
        SensorTopics topics = new SensorTopics(TestBroker.uniqueName("load"));
        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(TestBroker.url(), topics)) {
            ConfigurableApplicationContext generator = TestGenerator.start(TestBroker.url(), topics.root(),
                    TestBroker.uniqueName("load"), "--generator.sensor-count=10", "--generator.load.enabled=true",
                    "--generator.load.count=3000", "--generator.load.exit-when-done=false");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.count() >= 3000);
            }
            finally {
                generator.close();
            }
            Map<String, List<SensorReading>> bySensor = bySensor(subscriber);

            assertThat(bySensor).hasSize(10).allSatisfy((sensor, readings) -> {
                assertThat(readings).extracting(SensorReading::seq)
                        .containsExactlyElementsOf(LongStream.range(0, 300).boxed().toList());
                // Stamped at publication, to the microsecond, and strictly increasing: every key is unique.
                for (int i = 1; i < readings.size(); i++) {
                    assertThat(readings.get(i).timestamp()).isAfter(readings.get(i - 1).timestamp());
                }
            });
        }
    }

    @Test
    void holdsTheTargetRateForTheGivenDuration() throws Exception {
        SensorTopics topics = new SensorTopics(TestBroker.uniqueName("load-paced"));
        try (ReadingSubscriber subscriber = ReadingSubscriber.subscribe(TestBroker.url(), topics)) {
            ConfigurableApplicationContext generator = TestGenerator.start(TestBroker.url(), topics.root(),
                    TestBroker.uniqueName("load-paced"), "--generator.sensor-count=7", "--generator.load.enabled=true",
                    "--generator.load.rate=500", "--generator.load.duration=3s",
                    "--generator.load.exit-when-done=false");
            try {
                await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20))
                        .until(() -> subscriber.count() > 0);
            }
            finally {
                generator.close();
            }
            List<SensorReading> readings = bySensor(subscriber).values().stream().flatMap(List::stream).toList();
            Instant first = readings.stream().map(SensorReading::timestamp).min(Instant::compareTo).orElseThrow();
            Instant last = readings.stream().map(SensorReading::timestamp).max(Instant::compareTo).orElseThrow();

            assertThat(readings).hasSizeBetween(1400, 1510);
            assertThat(Duration.between(first, last)).isBetween(Duration.ofMillis(2700), Duration.ofMillis(3100));
        }
    }

    private static Map<String, List<SensorReading>> bySensor(ReadingSubscriber subscriber) {
        Map<String, List<SensorReading>> bySensor = new TreeMap<>();
        for (ReadingSubscriber.Received message : subscriber.received()) {
            SensorReading reading = ((Decoded.Accepted) CODEC.decode(message.payload())).reading();
            bySensor.computeIfAbsent(reading.sensorId(), id -> new ArrayList<>()).add(reading);
        }
        return bySensor;
    }
}

package io.github.iotpipeline.generator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.github.iotpipeline.generator.ReadingSubscriber.Received;
import io.github.iotpipeline.model.Decoded;
import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.SensorReading;
import io.github.iotpipeline.model.SensorTopics;
import io.github.iotpipeline.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generator against the shared broker, watched by a subscriber as the collector would see it. */
class GeneratorApplicationTests {

    private static final List<String> SENSORS = List.of("sensor-1", "sensor-2", "sensor-3", "sensor-4", "sensor-5");

    private static final SensorTopics TOPICS = new SensorTopics(TestBroker.uniqueName("generator-test"));

    private static final ReadingCodec CODEC = new ReadingCodec();

    private static ReadingSubscriber subscriber;

    private static ConfigurableApplicationContext generator;

    @BeforeAll
    static void startGenerator() {
        // Subscribe first, so the very first reading of every sensor is seen.
        subscriber = ReadingSubscriber.subscribe(TestBroker.url(), TOPICS);
        generator = TestGenerator.start(TestBroker.url(), TOPICS.root(), TestBroker.uniqueName("generator-test"));
    }

    @AfterAll
    static void stopGenerator() throws Exception {
        if (generator != null) {
            generator.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    @Test
    void publishesValidReadingsOfEverySensorInSequence() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(readingsBySensor(subscriber.received()))
                        .containsOnlyKeys(SENSORS)
                        .allSatisfy((sensor, readings) -> assertThat(readings).hasSizeGreaterThanOrEqualTo(5)));

        List<Received> received = subscriber.received();
        assertThat(received).allSatisfy(message -> {
            SensorReading reading = decode(message);
            assertThat(TOPICS.sensorIdOf(message.topic())).contains(reading.sensorId());
            assertThat(reading.timestamp().getNano() % 1_000_000).as("millisecond precision").isZero();
        });
        readingsBySensor(received).forEach((sensor, readings) -> assertThat(readings)
                .extracting(SensorReading::seq)
                .as("seq of %s", sensor)
                .containsExactlyElementsOf(LongStream.range(0, readings.size()).boxed().toList()));
    }

    @Test
    void labelsEachSensorWithTheUnitOfItsProfile() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> readingsBySensor(subscriber.received()).keySet().containsAll(SENSORS));

        Map<String, String> units = subscriber.received().stream()
                .map(GeneratorApplicationTests::decode)
                .collect(Collectors.toMap(SensorReading::sensorId, SensorReading::unit, (a, b) -> a));

        assertThat(units).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sensor-1", "°C", "sensor-2", "%", "sensor-3", "hPa", "sensor-4", "ppm", "sensor-5", "lux"));
    }

    @Test
    void reportsTheBrokerConnectionAsHealthy() throws Exception {
        JsonNode health = JsonMapper.shared().readTree(get("/actuator/health"));

        assertThat(health.path("components").path("mqtt").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("mqtt").path("details").path("url").asString())
                .isEqualTo(TestBroker.url());
    }

    @Test
    void countsPublishedAndDeliveredReadings() {
        MeterRegistry registry = generator.getBean(MeterRegistry.class);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count(registry, "published")).isGreaterThanOrEqualTo(10);
            assertThat(count(registry, "delivered")).isGreaterThanOrEqualTo(10);
        });
        assertThat(count(registry, "dropped")).isZero();
        assertThat(count(registry, "failed")).isZero();
    }

    private static double count(MeterRegistry registry, String outcome) {
        return registry.get("generator.readings").tag("outcome", outcome).counter().count();
    }

    private static Map<String, List<SensorReading>> readingsBySensor(List<Received> received) {
        return received.stream()
                .map(GeneratorApplicationTests::decode)
                .collect(Collectors.groupingBy(SensorReading::sensorId));
    }

    private static SensorReading decode(Received message) {
        Decoded decoded = CODEC.decode(message.payload());
        assertThat(decoded).as("payload on %s", message.topic()).isInstanceOf(Decoded.Accepted.class);
        return ((Decoded.Accepted) decoded).reading();
    }

    private static String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + TestGenerator.port(generator) + path)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}

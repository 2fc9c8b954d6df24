package io.github.iotpipeline.generator.simulation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.iotpipeline.model.SensorReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.iotpipeline.generator.simulation.TestFleets.plan;
import static io.github.iotpipeline.generator.simulation.TestFleets.readingsOf;
import static io.github.iotpipeline.generator.simulation.TestFleets.rounds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class SensorFleetTests {

    private static final Instant NOW = Instant.parse("2026-11-26T17:00:00Z");

    private static final List<String> SENSORS = List.of("sensor-1", "sensor-2", "sensor-3", "sensor-4", "sensor-5");

    @Test
    void simulatesTheFiveSeededSensorsByDefault() {
        SensorFleet fleet = SensorFleet.create(5, 0.0, 1);

        // The same ids, units and ranges as the sensors table, so the collector judges these readings right.
        assertThat(fleet.sensors())
                .extracting(SimulatedSensor::id, sensor -> sensor.profile().unit(),
                        sensor -> sensor.profile().min(), sensor -> sensor.profile().max())
                .containsExactly(
                        tuple("sensor-1", "°C", -20.0, 50.0),
                        tuple("sensor-2", "%", 0.0, 100.0),
                        tuple("sensor-3", "hPa", 950.0, 1050.0),
                        tuple("sensor-4", "ppm", 350.0, 5000.0),
                        tuple("sensor-5", "lux", 0.0, 20000.0));
    }

    @Test
    void repeatsTheProfilesPastTheFifthSensor() {
        SensorFleet fleet = SensorFleet.create(7, 0.0, 1);

        assertThat(fleet.read(NOW))
                .extracting(SensorReading::sensorId, SensorReading::unit)
                .containsExactly(
                        tuple("sensor-1", "°C"), tuple("sensor-2", "%"), tuple("sensor-3", "hPa"),
                        tuple("sensor-4", "ppm"), tuple("sensor-5", "lux"),
                        tuple("sensor-6", "°C"), tuple("sensor-7", "%"));
    }

    @Test
    void givesEverySensorItsOwnSequence() {
        SensorFleet fleet = SensorFleet.create(3, 0.0, 1);

        fleet.read(NOW);
        List<SensorReading> second = fleet.read(NOW.plusSeconds(1));

        assertThat(second).extracting(SensorReading::seq).containsOnly(1L);
        assertThat(second).extracting(SensorReading::timestamp).containsOnly(NOW.plusSeconds(1));
    }

    @Test
    void repeatsTheSameSeriesForTheSameSeed() {
        assertThat(series(SensorFleet.create(5, 0.05, 42))).isEqualTo(series(SensorFleet.create(5, 0.05, 42)));
    }

    @Test
    void producesAnotherSeriesForAnotherSeed() {
        assertThat(series(SensorFleet.create(5, 0.05, 42))).isNotEqualTo(series(SensorFleet.create(5, 0.05, 43)));
    }

    @Test
    void keepsTheSeriesThatEarlierVersionsProducedForASeed() {
        // A seed logged by an earlier run must replay the same values; these are the first rounds of seed 42.
        List<List<SensorReading>> rounds = rounds(SensorFleet.create(5, 0.05, 42), 3);

        assertThat(rounds).map(round -> round.stream().map(SensorReading::value).toList()).containsExactly(
                List.of(20.78, 44.6, 1012.84, 662.0, 398.4),
                List.of(20.21, 45.2, 1012.97, 643.0, 384.2),
                List.of(20.84, 46.2, 1012.77, 660.0, 389.8));
    }

    @Test
    void publishesExactlyOneReadingPerSensorPerRoundWhenNoFaultIsConfigured() {
        List<List<SensorReading>> rounds = rounds(SensorFleet.create(5, 0.05, 42, plan()), 500);

        assertThat(rounds).allSatisfy(round -> assertThat(round).extracting(SensorReading::sensorId)
                .containsExactlyElementsOf(SENSORS));
        assertThat(rounds).isEqualTo(rounds(SensorFleet.create(5, 0.05, 42), 500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dropout", "stuck", "spikes", "clock-drift", "duplicates", "late-burst",
            "dropout,stuck,spikes,clock-drift,duplicates,late-burst"})
    void leavesTheOtherSensorsSeriesAsTheyWereWhenOneSensorHasFaults(String faults) {
        List<List<SensorReading>> faulty = rounds(SensorFleet.create(5, 0.05, 42, plan(onSensor2(faults))), 500);
        List<List<SensorReading>> normal = rounds(SensorFleet.create(5, 0.05, 42), 500);

        assertThat(readingsOf("sensor-2", faulty)).as("the faulty sensor").isNotEqualTo(readingsOf("sensor-2", normal));
        assertThat(List.of("sensor-1", "sensor-3", "sensor-4", "sensor-5")).allSatisfy(sensor ->
                assertThat(readingsOf(sensor, faulty)).as(sensor).isEqualTo(readingsOf(sensor, normal)));
    }

    @Test
    void repeatsTheSameFaultySeriesForTheSameSeed() {
        String[] faults = onSensor2("dropout,stuck,spikes,clock-drift,duplicates,late-burst");

        assertThat(rounds(SensorFleet.create(5, 0.05, 42, plan(faults)), 500))
                .isEqualTo(rounds(SensorFleet.create(5, 0.05, 42, plan(faults)), 500));
    }

    @Test
    void refusesAFaultOnASensorItDoesNotSimulate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SensorFleet.create(5, 0.0, 1, plan("late-burst.sensors=sensor-2,sensor-6")))
                .withMessageContaining("generator.faults.late-burst.sensors")
                .withMessageContaining("'sensor-6'")
                .withMessageNotContaining("'sensor-2'");
    }

    @Test
    void ignoresAnEmptyIdLeftByAStrayComma() {
        SensorFleet fleet = SensorFleet.create(5, 0.0, 1, plan("duplicates.sensors=sensor-2,",
                "duplicates.probability=1"));

        assertThat(fleet.read(NOW)).extracting(SensorReading::sensorId)
                .containsExactly("sensor-1", "sensor-2", "sensor-2", "sensor-3", "sensor-4", "sensor-5");
    }

    /** The given faults on sensor-2, with windows and probabilities that show within 500 rounds of 100 ms. */
    private static String[] onSensor2(String faults) {
        Stream<String> sensors = Arrays.stream(faults.split(",")).map(fault -> fault + ".sensors=sensor-2");
        Stream<String> settings = Stream.of("dropout.period=2s", "dropout.duration=500ms", "stuck.period=3s",
                "stuck.duration=1s", "late-burst.period=5s", "late-burst.duration=2s", "spikes.probability=0.5",
                "duplicates.probability=0.5");
        return Stream.concat(sensors, settings).toArray(String[]::new);
    }

    private static List<Double> series(SensorFleet fleet) {
        return IntStream.range(0, 500)
                .mapToObj(i -> fleet.read(NOW))
                .flatMap(List::stream)
                .map(SensorReading::value)
                .toList();
    }
}

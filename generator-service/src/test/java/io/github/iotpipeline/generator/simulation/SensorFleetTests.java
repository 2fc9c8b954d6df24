package io.github.iotpipeline.generator.simulation;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import io.github.iotpipeline.model.SensorReading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SensorFleetTests {

    private static final Instant NOW = Instant.parse("2026-11-26T17:00:00Z");

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

    private static List<Double> series(SensorFleet fleet) {
        return IntStream.range(0, 500)
                .mapToObj(i -> fleet.read(NOW))
                .flatMap(List::stream)
                .map(SensorReading::value)
                .toList();
    }
}

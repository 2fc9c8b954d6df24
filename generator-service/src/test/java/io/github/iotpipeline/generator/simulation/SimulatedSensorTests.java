package io.github.iotpipeline.generator.simulation;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.github.iotpipeline.model.SensorReading;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulatedSensorTests {

    private static final Instant NOW = Instant.parse("2026-11-26T17:00:00.123Z");

    @ParameterizedTest
    @EnumSource(SensorProfile.class)
    void staysInsideThePlausibleRangeWithoutSpikes(SensorProfile profile) {
        List<Double> values = values(profile, 0.0, 50_000);

        assertThat(values).allSatisfy(value -> assertThat(profile.isPlausible(value)).isTrue());
    }

    @ParameterizedTest
    @EnumSource(SensorProfile.class)
    void driftsAroundTheBaselineWithinItsBound(SensorProfile profile) {
        List<Double> values = values(profile, 0.0, 50_000);
        double furthest = profile.maxDrift() + 6 * profile.noise();

        assertThat(values).allSatisfy(value -> assertThat(value).isCloseTo(profile.baseline(), within(furthest)));
        // Noise alone would leave a spread of about the noise; the drift must add visibly to it.
        assertThat(standardDeviation(values)).isGreaterThan(3 * profile.noise());
    }

    @ParameterizedTest
    @EnumSource(SensorProfile.class)
    void spikesLandOutsideThePlausibleRange(SensorProfile profile) {
        List<Double> values = values(profile, 1.0, 1_000);

        assertThat(values).noneSatisfy(value -> assertThat(profile.isPlausible(value)).isTrue());
        assertThat(values).anySatisfy(value -> assertThat(value).isGreaterThan(profile.max()));
        assertThat(values).anySatisfy(value -> assertThat(value).isLessThan(profile.min()));
    }

    @ParameterizedTest
    @EnumSource(SensorProfile.class)
    void spikesAboutAsOftenAsConfigured(SensorProfile profile) {
        // Expected 100 of 20,000 at 0.005; the bounds are four standard deviations wide.
        long spikes = values(profile, 0.005, 20_000).stream().filter(value -> !profile.isPlausible(value)).count();

        assertThat(spikes).isBetween(60L, 140L);
    }

    @ParameterizedTest
    @EnumSource(SensorProfile.class)
    void numbersReadingsFromZeroWithTheProfilesUnit(SensorProfile profile) {
        SimulatedSensor sensor = new SimulatedSensor("s-1", profile, 0.0, new SplittableRandom(3));

        List<SensorReading> readings = IntStream.range(0, 3).mapToObj(i -> sensor.read(NOW)).toList();

        assertThat(readings).extracting(SensorReading::seq).containsExactly(0L, 1L, 2L);
        assertThat(readings).allSatisfy(reading -> {
            assertThat(reading.sensorId()).isEqualTo("s-1");
            assertThat(reading.timestamp()).isEqualTo(NOW);
            assertThat(reading.unit()).isEqualTo(profile.unit());
        });
    }

    private static List<Double> values(SensorProfile profile, double spikeProbability, int count) {
        SimulatedSensor sensor = new SimulatedSensor("s", profile, spikeProbability, new SplittableRandom(42));
        return IntStream.range(0, count).mapToObj(i -> sensor.read(NOW).value()).toList();
    }

    private static double standardDeviation(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = values.stream().mapToDouble(value -> (value - mean) * (value - mean)).average().orElseThrow();
        return Math.sqrt(variance);
    }
}

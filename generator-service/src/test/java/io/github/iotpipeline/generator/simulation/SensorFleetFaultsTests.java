package io.github.iotpipeline.generator.simulation;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.github.iotpipeline.model.SensorReading;
import org.junit.jupiter.api.Test;

import static io.github.iotpipeline.generator.simulation.TestFleets.START;
import static io.github.iotpipeline.generator.simulation.TestFleets.at;
import static io.github.iotpipeline.generator.simulation.TestFleets.plan;
import static io.github.iotpipeline.generator.simulation.TestFleets.readingsOf;
import static io.github.iotpipeline.generator.simulation.TestFleets.rounds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each simulated fault, on a fleet of five sensors read every 100 ms. */
class SensorFleetFaultsTests {

    /** With a period of 2 s and a duration of 500 ms, rounds 15 to 19 and 35 to 39 fall inside the window. */
    private static final String[] SHORT_WINDOWS = {
            "dropout.period=2s", "dropout.duration=500ms",
            "stuck.period=2s", "stuck.duration=500ms",
            "late-burst.period=2s", "late-burst.duration=500ms"};

    @Test
    void publishesNothingOfADroppedOutSensorDuringItsWindowWhileItsSeqKeepsCounting() {
        List<List<SensorReading>> rounds = rounds(fleet("dropout.sensors=sensor-2"), 40);

        assertThat(readingsOf("sensor-2", rounds)).extracting(SensorReading::seq)
                .containsExactlyElementsOf(LongStream.concat(LongStream.range(0, 15), LongStream.range(20, 35))
                        .boxed().toList());
        assertThat(rounds.subList(15, 20)).allSatisfy(round -> assertThat(round)
                .extracting(SensorReading::sensorId).containsExactly("sensor-1", "sensor-3", "sensor-4", "sensor-5"));
        assertThat(readingsOf("sensor-1", rounds)).hasSize(40);
    }

    @Test
    void repeatsTheLastValueBeforeTheWindowWhileStuckAndCarriesOnAfterIt() {
        List<SensorReading> stuck = readingsOf("sensor-1", rounds(fleet("stuck.sensors=sensor-1"), 40));
        List<SensorReading> normal = readingsOf("sensor-1", rounds(fleet(), 40));
        Double lastBefore = normal.get(14).value();

        // Double.equals compares the bits, so this asks for the very same value, not a close one.
        assertThat(stuck.subList(15, 20)).extracting(SensorReading::value).containsOnly(lastBefore);
        assertThat(normal.subList(15, 20)).extracting(SensorReading::value).anySatisfy(
                value -> assertThat(value).isNotEqualTo(lastBefore));
        assertThat(stuck.subList(35, 40)).extracting(SensorReading::value).containsOnly(normal.get(34).value());
        assertThat(stuck.subList(0, 15)).isEqualTo(normal.subList(0, 15));
        assertThat(stuck.subList(20, 35)).isEqualTo(normal.subList(20, 35));
        assertThat(stuck).extracting(SensorReading::timestamp, SensorReading::seq)
                .containsExactlyElementsOf(normal.stream()
                        .map(reading -> tuple(reading.timestamp(), reading.seq())).toList());
    }

    @Test
    void spikesEveryReadingOfItsSensorsWithProbabilityOne() {
        List<List<SensorReading>> rounds = rounds(fleet("spikes.sensors=sensor-3", "spikes.probability=1.0"), 500);

        assertThat(readingsOf("sensor-3", rounds)).hasSize(500).extracting(SensorReading::value)
                .noneMatch(SensorProfile.PRESSURE::isPlausible);
        assertThat(readingsOf("sensor-2", rounds)).extracting(SensorReading::value)
                .allMatch(SensorProfile.HUMIDITY::isPlausible);
    }

    @Test
    void spikesAboutAsOftenAsItsProbabilitySays() {
        // Expected 1,000 of 5,000 at 0.2; the bounds are four standard deviations wide.
        long spikes = readingsOf("sensor-3", rounds(fleet("spikes.sensors=sensor-3", "spikes.probability=0.2"), 5_000))
                .stream().filter(reading -> !SensorProfile.PRESSURE.isPlausible(reading.value())).count();

        assertThat(spikes).isBetween(887L, 1_113L);
    }

    @Test
    void replacesTheFleetsSpikeProbabilityRatherThanAddingToIt() {
        SensorFleet fleet = SensorFleet.create(5, 1.0, 42, plan("spikes.sensors=sensor-3", "spikes.probability=0"));
        List<List<SensorReading>> rounds = rounds(fleet, 500);

        assertThat(readingsOf("sensor-3", rounds)).extracting(SensorReading::value)
                .allMatch(SensorProfile.PRESSURE::isPlausible);
        assertThat(readingsOf("sensor-2", rounds)).extracting(SensorReading::value)
                .noneMatch(SensorProfile.HUMIDITY::isPlausible);
    }

    @Test
    void setsTheClockBackByTheOffsetAndLetsItGainTheDriftPerMinute() {
        List<List<SensorReading>> rounds = rounds(fleet("clock-drift.sensors=sensor-4", "clock-drift.offset=-30s",
                "clock-drift.drift-per-minute=2s"), 1_201);
        List<SensorReading> drifting = readingsOf("sensor-4", rounds);

        // 2 s per minute is 10/3 ms per 100 ms round, cut to whole milliseconds.
        assertThat(drifting).extracting(SensorReading::timestamp).containsExactlyElementsOf(IntStream.range(0, 1_201)
                .mapToObj(round -> START.plusMillis(100L * round - 30_000 + 10L * round / 3)).toList());
        assertThat(drifting.get(1_200).timestamp()).isEqualTo(at(1_200).minusSeconds(26));
        assertThat(readingsOf("sensor-1", rounds)).extracting(SensorReading::timestamp)
                .containsExactlyElementsOf(IntStream.range(0, 1_201).mapToObj(TestFleets::at).toList());
    }

    @Test
    void setsTheClockAheadByTheOffsetAndLetsItLoseANegativeDrift() {
        List<SensorReading> drifting = readingsOf("sensor-4", rounds(fleet("clock-drift.sensors=sensor-4",
                "clock-drift.offset=30s", "clock-drift.drift-per-minute=-6s"), 601));

        assertThat(drifting.get(0).timestamp()).isEqualTo(START.plusSeconds(30));
        assertThat(drifting.get(600).timestamp()).isEqualTo(at(600).plusSeconds(24));
    }

    @Test
    void publishesEveryReadingTwiceBackToBackWithProbabilityOne() {
        List<List<SensorReading>> rounds = rounds(
                fleet("duplicates.sensors=sensor-5", "duplicates.probability=1"), 100);

        assertThat(rounds).allSatisfy(round -> {
            assertThat(round).extracting(SensorReading::sensorId)
                    .containsExactly("sensor-1", "sensor-2", "sensor-3", "sensor-4", "sensor-5", "sensor-5");
            assertThat(round.get(5)).isEqualTo(round.get(4));
        });
        assertThat(readingsOf("sensor-5", rounds)).extracting(SensorReading::seq)
                .containsExactlyElementsOf(LongStream.range(0, 200).map(index -> index / 2).boxed().toList());
    }

    @Test
    void publishesAboutOneReadingInTenTwiceByDefault() {
        // Expected 500 duplicates in 5,000 readings at 0.1; the bounds are four standard deviations wide.
        int published = readingsOf("sensor-5", rounds(fleet("duplicates.sensors=sensor-5"), 5_000)).size();

        assertThat(published - 5_000).isBetween(415, 585);
    }

    @Test
    void holdsReadingsBackDuringTheWindowAndReleasesThemInOrderWhenItEnds() {
        List<List<SensorReading>> rounds = rounds(fleet("late-burst.sensors=sensor-2"), 41);
        List<SensorReading> normal = readingsOf("sensor-2", rounds(fleet(), 41));

        assertThat(rounds.subList(15, 20)).allSatisfy(round -> assertThat(round)
                .extracting(SensorReading::sensorId).doesNotContain("sensor-2"));
        List<SensorReading> burst = readingsOf("sensor-2", List.of(rounds.get(20)));
        assertThat(burst).extracting(SensorReading::seq).containsExactly(15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(burst).extracting(SensorReading::timestamp)
                .containsExactly(at(15), at(16), at(17), at(18), at(19), at(20));
        assertThat(readingsOf("sensor-2", rounds)).isEqualTo(normal);
    }

    @Test
    void releasesADoubledReadingThatWasHeldBackAsAPair() {
        List<List<SensorReading>> rounds = rounds(fleet("late-burst.sensors=sensor-2", "duplicates.sensors=sensor-2",
                "duplicates.probability=1"), 21);

        assertThat(readingsOf("sensor-2", List.of(rounds.get(20)))).extracting(SensorReading::seq)
                .containsExactly(15L, 15L, 16L, 16L, 17L, 17L, 18L, 18L, 19L, 19L, 20L, 20L);
    }

    @Test
    void neitherDoublesNorHoldsBackADroppedReading() {
        List<List<SensorReading>> rounds = rounds(fleet("dropout.sensors=sensor-2", "late-burst.sensors=sensor-2",
                "duplicates.sensors=sensor-2", "duplicates.probability=1"), 21);

        assertThat(readingsOf("sensor-2", rounds)).extracting(SensorReading::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(0, 20).filter(seq -> seq < 15 || seq == 20)
                        .flatMap(seq -> LongStream.of(seq, seq)).boxed().toList());
    }

    /** Five sensors without spikes, seed 42, the given faults and short windows. */
    private static SensorFleet fleet(String... faults) {
        return SensorFleet.create(5, 0.0, 42,
                plan(Stream.concat(Stream.of(SHORT_WINDOWS), Stream.of(faults)).toArray(String[]::new)));
    }
}

package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.iotpipeline.model.SensorReading;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Runs fleets round by round on synthetic time, with faults given as in the configuration. */
final class TestFleets {

    static final Instant START = Instant.parse("2026-11-26T17:00:00Z");

    static final Duration STEP = Duration.ofMillis(100);

    private TestFleets() {
    }

    /**
     * A plan bound the way the application binds it, so the defaults of {@link FaultProperties} apply.
     *
     * @param properties such as {@code dropout.sensors=sensor-2}, relative to {@code generator.faults}
     */
    static FaultPlan plan(String... properties) {
        Map<String, String> values = Arrays.stream(properties).collect(Collectors.toMap(
                property -> "generator.faults." + property.substring(0, property.indexOf('=')),
                property -> property.substring(property.indexOf('=') + 1)));
        Binder binder = new Binder(new MapConfigurationPropertySource(values));
        return FaultPlan.from(binder.bindOrCreate("generator.faults", FaultProperties.class));
    }

    /** What the fleet publishes in each of its first rounds, one round every {@link #STEP} from {@link #START}. */
    static List<List<SensorReading>> rounds(SensorFleet fleet, int count) {
        return IntStream.range(0, count).mapToObj(round -> fleet.read(at(round))).toList();
    }

    /** When a round is run. */
    static Instant at(int round) {
        return START.plus(STEP.multipliedBy(round));
    }

    /** One sensor's readings across rounds, in the order they were published. */
    static List<SensorReading> readingsOf(String sensorId, List<List<SensorReading>> rounds) {
        return rounds.stream().flatMap(List::stream).filter(reading -> reading.sensorId().equals(sensorId)).toList();
    }
}

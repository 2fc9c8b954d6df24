package io.github.iotpipeline.generator.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.github.iotpipeline.model.SensorReading;
import org.jspecify.annotations.Nullable;

/**
 * The simulated sensors {@code sensor-1} … {@code sensor-N}. The five profiles repeat in order past the fifth
 * sensor. Given the same seed, size and faults, a fleet produces the same series of readings. Not thread-safe.
 */
public final class SensorFleet {

    private static final SensorProfile[] PROFILES = SensorProfile.values();

    private final List<Member> members;
    private @Nullable Instant start;

    private SensorFleet(List<Member> members) {
        this.members = members;
    }

    public static SensorFleet create(int size, double spikeProbability, long seed) {
        return create(size, spikeProbability, seed, FaultPlan.NONE);
    }

    static SensorFleet create(int size, double spikeProbability, long seed, FaultPlan faults) {
        List<String> ids = IntStream.range(0, size).mapToObj(SensorFleet::idOf).toList();
        faults.checkSensors(new HashSet<>(ids));
        SplittableRandom root = new SplittableRandom(seed);
        // Each sensor gets its own generator, so one sensor's spikes and faults do not shift another's series.
        List<Member> members = IntStream.range(0, size)
                .mapToObj(index -> member(ids.get(index), PROFILES[index % PROFILES.length], spikeProbability,
                        root.split(), faults))
                .toList();
        return new SensorFleet(members);
    }

    /**
     * Takes one reading from every sensor, all stamped with the same instant, and returns what is to be
     * published of them, in order: one reading per sensor, unless a simulated fault drops, holds back, doubles
     * or releases some. Recurring faults count time from the first instant passed here.
     */
    public List<SensorReading> read(Instant timestamp) {
        if (start == null) {
            start = timestamp;
        }
        Duration elapsed = Duration.between(start, timestamp);
        List<SensorReading> readings = new ArrayList<>(members.size());
        for (Member member : members) {
            readings.addAll(member.faults().apply(member.sensor().read(timestamp), elapsed));
        }
        return readings;
    }

    public int size() {
        return members.size();
    }

    List<SimulatedSensor> sensors() {
        return members.stream().map(Member::sensor).toList();
    }

    private static Member member(String id, SensorProfile profile, double spikeProbability, SplittableRandom random,
            FaultPlan plan) {
        SensorFaults faults = plan.forSensor(id, random);
        SimulatedSensor sensor = new SimulatedSensor(id, profile, faults.spikeProbability(spikeProbability), random);
        return new Member(sensor, faults);
    }

    private static String idOf(int index) {
        return "sensor-" + (index + 1);
    }

    private record Member(SimulatedSensor sensor, SensorFaults faults) {
    }
}

package io.github.iotpipeline.generator.simulation;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Which sensors show which simulated faults, built once from {@link FaultProperties}.
 * <p>
 * On a sensor with several faults they act on each reading in a fixed order: stuck and clock drift alter it,
 * dropout may discard it, duplicates may double it, and late burst may hold it back. So a dropped reading is
 * neither doubled nor held, and a doubled one that is held comes out of the burst as a pair.
 */
final class FaultPlan {

    static final FaultPlan NONE = new FaultPlan(List.of());

    private final List<PlannedFault> faults;

    private FaultPlan(List<PlannedFault> faults) {
        this.faults = faults;
    }

    static FaultPlan from(FaultProperties properties) {
        FaultProperties.Spikes spikes = properties.spikes();
        FaultProperties.ClockDrift clock = properties.clockDrift();
        FaultProperties.Duplicates duplicates = properties.duplicates();
        FaultWindow stuck = properties.stuck().window();
        FaultWindow dropout = properties.dropout().window();
        FaultWindow lateBurst = properties.lateBurst().window();
        List<PlannedFault> all = List.of(
                new PlannedFault("spikes", spikes.sensors(),
                        "out-of-range spikes with probability " + spikes.probability(),
                        random -> new SpikeFault(spikes.probability())),
                new PlannedFault("stuck", properties.stuck().sensors(),
                        "repeats its last value during " + stuck,
                        random -> new StuckFault(stuck)),
                new PlannedFault("clock-drift", clock.sensors(),
                        "clock off by " + clock.offset() + ", drifting " + clock.driftPerMinute() + " per minute",
                        random -> new ClockDriftFault(clock.offset(), clock.driftPerMinute())),
                new PlannedFault("dropout", properties.dropout().sensors(),
                        "publishes nothing during " + dropout,
                        random -> new DropoutFault(dropout)),
                new PlannedFault("duplicates", duplicates.sensors(),
                        "publishes a reading twice with probability " + duplicates.probability(),
                        random -> new DuplicateFault(duplicates.probability(), random)),
                new PlannedFault("late-burst", properties.lateBurst().sensors(),
                        "holds readings back during " + lateBurst + ", then publishes them at once",
                        random -> new LateBurstFault(lateBurst)));
        return new FaultPlan(all.stream().filter(fault -> !fault.sensors().isEmpty()).toList());
    }

    /** The faults of one sensor; those that draw random numbers draw them from the sensor's own generator. */
    SensorFaults forSensor(String sensorId, RandomGenerator random) {
        return new SensorFaults(faults.stream()
                .filter(fault -> fault.sensors().contains(sensorId))
                .map(fault -> fault.create().apply(random))
                .toList());
    }

    /** Refuses a plan that names a sensor the fleet does not simulate, rather than silently ignoring it. */
    void checkSensors(Set<String> simulated) {
        for (PlannedFault fault : faults) {
            List<String> unknown = fault.sensors().stream().filter(id -> !simulated.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("generator.faults." + fault.name()
                        + ".sensors names sensors that are not simulated: " + quoted(unknown));
            }
        }
    }

    /** One line per active fault, such as {@code dropout on sensor-2: publishes nothing during ...}. */
    List<String> describe() {
        return faults.stream()
                .map(fault -> fault.name() + " on " + String.join(", ", fault.sensors()) + ": " + fault.description())
                .toList();
    }

    private static String quoted(Collection<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").toList().toString();
    }

    /** A fault as configured: its name in the configuration, the sensors that show it, and what it does. */
    private record PlannedFault(String name, List<String> sensors, String description,
            Function<RandomGenerator, SensorFault> create) {

        PlannedFault {
            // A stray comma in an environment variable ("sensor-2,") binds an empty id; it names no sensor.
            sensors = sensors.stream().filter(id -> !id.isBlank()).toList();
        }
    }
}

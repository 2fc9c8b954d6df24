package io.github.iotpipeline.model;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Validator;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Vouches for a reading that meets every constraint {@link SensorReading} declares, without the validator. The
 * validator made about 4 KB of garbage per reading (a path, nodes and a context per constraint), three
 * quarters of all a replay allocated, which kept the collector's small heap collecting. The annotations stay the
 * rule: a reading this does not vouch for goes to the validator, which decides and names every violation; and
 * {@link #of} gives none unless the validator's own metadata for the record holds exactly the constraints
 * checked here, so a constraint added to the record is never skipped (ReadingContractTests says when).
 */
final class KnownConstraints {

    /** Each constraint checked below, as {@link #describe} names it. */
    static final Set<String> CHECKED = Set.of(
            "sensorId NotNull", "sensorId Size " + 1 + ".." + SensorReading.MAX_SENSOR_ID_LENGTH,
            "sensorId SensorIdFormat", "timestamp NotNull", "value Finite",
            "unit Size 0.." + SensorReading.MAX_UNIT_LENGTH, "unit WithoutControlCharacters", "seq PositiveOrZero");

    private KnownConstraints() {
    }

    /** The checks, when the validator's constraints for readings are exactly these; null otherwise. */
    static @Nullable KnownConstraints of(Validator validator) {
        return declared(validator).equals(CHECKED) ? new KnownConstraints() : null;
    }

    /** The constraints the validator applies to a reading, named as {@link #CHECKED} names them. */
    static Set<String> declared(Validator validator) {
        BeanDescriptor bean = validator.getConstraintsForClass(SensorReading.class);
        Set<String> names = new HashSet<>();
        bean.getConstraintDescriptors().forEach(constraint -> names.add("class " + describe(constraint)));
        for (PropertyDescriptor property : bean.getConstrainedProperties()) {
            property.getConstraintDescriptors()
                    .forEach(constraint -> names.add(property.getPropertyName() + " " + describe(constraint)));
            if (property.isCascaded() || !property.getConstrainedContainerElementTypes().isEmpty()) {
                names.add(property.getPropertyName() + " cascaded or with constrained elements");
            }
        }
        return names;
    }

    /** True only when every constraint is met; false says nothing (the validator decides). */
    boolean allMet(SensorReading reading) {
        String sensorId = reading.sensorId();
        String unit = reading.unit();
        Long seq = reading.seq();
        return sensorId != null && !sensorId.isEmpty() && sensorId.length() <= SensorReading.MAX_SENSOR_ID_LENGTH
                && SensorIdFormat.Validator.matches(sensorId)
                && reading.timestamp() != null
                && Double.isFinite(reading.value())
                && (unit == null || unit.length() <= SensorReading.MAX_UNIT_LENGTH
                        && WithoutControlCharacters.Validator.matches(unit))
                && (seq == null || seq >= 0);
    }

    private static String describe(ConstraintDescriptor<?> constraint) {
        Map<String, Object> attributes = constraint.getAttributes();
        String name = constraint.getAnnotation().annotationType().getSimpleName();
        String groups = constraint.getGroups().stream().map(Class::getSimpleName).sorted()
                .collect(Collectors.joining(","));
        String suffix = "Default".equals(groups) ? "" : " in groups " + groups;
        if (name.equals("Size")) {
            return name + " " + attributes.get("min") + ".." + attributes.get("max") + suffix;
        }
        return name + suffix;
    }
}

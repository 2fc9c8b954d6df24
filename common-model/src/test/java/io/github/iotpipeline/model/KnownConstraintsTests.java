package io.github.iotpipeline.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.defs.NotBlankDef;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks that spare the validator must agree with it, and must stand down when it knows other rules. */
class KnownConstraintsTests {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private static final Random RANDOM = new Random(20261202);

    @Test
    void checkExactlyTheConstraintsTheRecordDeclares() {
        // When this fails, a constraint of SensorReading changed: make KnownConstraints check it too.
        assertThat(KnownConstraints.declared(VALIDATOR)).isEqualTo(KnownConstraints.CHECKED);
        assertThat(KnownConstraints.of(VALIDATOR)).isNotNull();
    }

    @Test
    void standDownForAValidatorThatKnowsAnotherConstraint() {
        HibernateValidatorConfiguration configuration = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator());
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.type(SensorReading.class).field("unit").constraint(new NotBlankDef());
        Validator stricter = configuration.addMapping(mapping).buildValidatorFactory().getValidator();

        assertThat(KnownConstraints.of(stricter)).isNull();
    }

    @Test
    void vouchOnlyForReadingsTheValidatorAccepts() {
        KnownConstraints known = KnownConstraints.of(VALIDATOR);
        List<String> sensorIds = Arrays.asList(null, "", "a", "sensor-1", "Z.9_x-y", "-a", "a b", "ä", "a/b",
                "s".repeat(64), "s".repeat(65));
        List<String> units = Arrays.asList(null, "", "°C", "m/s²", "u".repeat(32), "u".repeat(33), "a\tb", "\u007F");
        List<Instant> timestamps = Arrays.asList(null, Instant.EPOCH, Instant.parse("2026-12-02T10:00:00Z"));
        double[] values = {0, -1.5, 1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<Long> seqs = Arrays.asList(null, 0L, 1L, Long.MAX_VALUE, -1L, Long.MIN_VALUE);
        int vouched = 0;
        for (int n = 0; n < 20_000; n++) {
            SensorReading reading = new SensorReading(pick(sensorIds), pick(timestamps),
                    values[RANDOM.nextInt(values.length)], pick(units), pick(seqs));
            boolean valid = VALIDATOR.validate(reading).isEmpty();
            assertThat(known.allMet(reading)).as("%s", reading).isEqualTo(valid);
            vouched += valid ? 1 : 0;
        }
        assertThat(vouched).as("valid readings among the random ones").isBetween(500, 19_500);
    }

    private static <T> T pick(List<T> choices) {
        return choices.get(RANDOM.nextInt(choices.size()));
    }
}

package io.github.iotpipeline.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * The annotated number is neither NaN nor infinite. Analysts aggregate these values; one NaN poisons every
 * average it touches.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Finite.Validator.class)
public @interface Finite {

    String message() default "must be a finite number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks doubles, boxed or not; {@code null} is left to {@code @NotNull}. */
    class Validator implements ConstraintValidator<Finite, Double> {

        @Override
        public boolean isValid(@Nullable Double value, ConstraintValidatorContext context) {
            return value == null || Double.isFinite(value);
        }
    }
}

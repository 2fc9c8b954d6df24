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
 * The annotated text matches {@link SensorReading#SENSOR_ID_PATTERN}: a letter or digit (ASCII), then letters,
 * digits, '.', '_' or '-'. Checked character by character, not with {@code @Pattern}: every reading is
 * validated, and the pattern constraint built a matcher and a map of message parameters for each, a tenth of
 * what checking a reading allocated.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SensorIdFormat.Validator.class)
public @interface SensorIdFormat {

    String message() default "must start with a letter or digit and contain only letters, digits, '.', '_' or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** {@code null} is left to {@code @NotNull}; the empty text does not match. */
    class Validator implements ConstraintValidator<SensorIdFormat, CharSequence> {

        @Override
        public boolean isValid(@Nullable CharSequence text, ConstraintValidatorContext context) {
            return text == null || matches(text);
        }

        static boolean matches(CharSequence text) {
            if (text.isEmpty() || !isAsciiLetterOrDigit(text.charAt(0))) {
                return false;
            }
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isAsciiLetterOrDigit(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
    }
}

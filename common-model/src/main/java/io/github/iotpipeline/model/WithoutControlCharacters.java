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
 * The annotated text holds no ASCII control character (U+0000 to U+001F, U+007F): what the pattern
 * {@code [^\p{Cntrl}]*} accepts, checked character by character for the reason {@link SensorIdFormat} gives.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WithoutControlCharacters.Validator.class)
public @interface WithoutControlCharacters {

    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** {@code null} is valid, as for every constraint but {@code @NotNull}. */
    class Validator implements ConstraintValidator<WithoutControlCharacters, CharSequence> {

        @Override
        public boolean isValid(@Nullable CharSequence text, ConstraintValidatorContext context) {
            return text == null || matches(text);
        }

        static boolean matches(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    return false;
                }
            }
            return true;
        }
    }
}

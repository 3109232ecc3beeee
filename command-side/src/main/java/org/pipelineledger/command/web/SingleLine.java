package org.pipelineledger.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.pipelineledger.events.Limits;

/**
 * One line of printable text, as {@link Limits#singleLineCharacters} defines it; {@code null} is valid. The length is
 * {@code @Size}'s, with the limit from {@link Limits}, so that the API description shows it.
 */
@Documented
@Constraint(validatedBy = SingleLine.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface SingleLine {

    String message() default "must be one line of text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Asks {@link Limits#singleLineCharacters}. */
    final class Validator implements ConstraintValidator<SingleLine, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.report(Limits.singleLineCharacters(value), context);
        }
    }
}

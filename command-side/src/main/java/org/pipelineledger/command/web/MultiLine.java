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
 * Printable text, tabs and line breaks allowed, as {@link Limits#multiLineCharacters} defines it; {@code null} is valid. The length is
 * {@code @Size}'s, with the limit from {@link Limits}, so that the API description shows it.
 */
@Documented
@Constraint(validatedBy = MultiLine.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface MultiLine {

    String message() default "must be text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Asks {@link Limits#multiLineCharacters}. */
    final class Validator implements ConstraintValidator<MultiLine, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.report(Limits.multiLineCharacters(value), context);
        }
    }
}

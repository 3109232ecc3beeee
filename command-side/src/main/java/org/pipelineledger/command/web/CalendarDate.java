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
import java.time.LocalDate;
import org.pipelineledger.events.Limits;

/** A close date or due date within the ledger's calendar ({@link Limits#date}); {@code null} is valid. */
@Documented
@Constraint(validatedBy = CalendarDate.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface CalendarDate {

    String message() default "must be a date the ledger can hold";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Asks {@link Limits#date}. */
    final class Validator implements ConstraintValidator<CalendarDate, LocalDate> {

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return Violations.report(Limits.date(value), context);
        }
    }
}

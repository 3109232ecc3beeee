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
import java.time.Instant;
import org.pipelineledger.events.Limits;

/**
 * A supplied {@code occurredAt} not before the ledger's earliest business time ({@link Limits#occurredAt}); whether
 * it is in the future or before the deal's previous event only the aggregate knows. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = BusinessTime.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface BusinessTime {

    String message() default "must be a time the ledger can hold";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Asks {@link Limits#occurredAt}. */
    final class Validator implements ConstraintValidator<BusinessTime, Instant> {

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return Violations.report(Limits.occurredAt(value), context);
        }
    }
}

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
import java.math.BigDecimal;
import org.pipelineledger.events.Limits;

/**
 * An amount within the bounds of any currency ({@link Limits#amount(BigDecimal)}): a request does not say which
 * currency an existing deal is in, so the aggregate checks the currency's own decimals after this. The sign is left
 * to the aggregate's {@code NEGATIVE_AMOUNT} rule; {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = Amount.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface Amount {

    String message() default "must be an amount";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Asks {@link Limits#amount(BigDecimal)}. */
    final class Validator implements ConstraintValidator<Amount, BigDecimal> {

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return Violations.report(Limits.amount(value), context);
        }
    }
}

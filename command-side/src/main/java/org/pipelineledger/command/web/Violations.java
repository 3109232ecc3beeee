package org.pipelineledger.command.web;

import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

/** Turns a refusal from {@link org.pipelineledger.events.Limits} into a constraint violation with its message. */
final class Violations {

    private Violations() {
    }

    /** True if there is nothing to refuse; otherwise reports the refusal as the violation's message. */
    static boolean report(Optional<String> refusal, ConstraintValidatorContext context) {
        if (refusal.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // a message template interpolates {...} and ${...}; the refusal is plain text and must stay so
        String literal = refusal.get().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
                .replace("$", "\\$");
        context.buildConstraintViolationWithTemplate(literal).addConstraintViolation();
        return false;
    }
}

package org.pipelineledger.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one opportunity (deal). Clients may choose it (imports keep the source system's id),
 * so it is a constrained string rather than a UUID.
 */
public record OpportunityId(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public OpportunityId {
        Objects.requireNonNull(value, "opportunity id");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "opportunity id must be 1-64 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit: " + value);
        }
    }

    public static OpportunityId of(String value) {
        return new OpportunityId(value);
    }

    /** Axon uses toString() as the aggregate identifier, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}

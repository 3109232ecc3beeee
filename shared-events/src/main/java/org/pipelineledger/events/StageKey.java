package org.pipelineledger.events;

import java.util.Objects;
import java.util.regex.Pattern;

/** A stable stage key such as {@code PROPOSAL}; display names live in the pipeline definition. */
public record StageKey(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    public StageKey {
        Objects.requireNonNull(value, "stage key");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("stage key must be upper case letters, digits and '_': " + value);
        }
    }

    public static StageKey of(String value) {
        return new StageKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.pipelineledger.command.audit;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * A verification's scope from its parameters ({@code deal}, {@code from}, {@code to}, {@code anchor}), the same for
 * the API and the command line; anything else is refused with {@code INVALID_PARAMETER}, since a misspelt limit
 * would otherwise silently verify the whole store.
 */
final class VerificationParameters {

    static final Set<String> NAMES = Set.of("deal", "from", "to", "anchor");
    /** The event store's column for a deal id is this long. */
    private static final int MAX_DEAL = 255;

    private VerificationParameters() {
    }

    /** From a request's query parameters: each at most once, none blank, no other. */
    static VerificationScope fromQuery(Map<String, String[]> parameters) {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(NAMES);
        if (!unknown.isEmpty()) {
            throw invalid("unknown parameter(s) " + unknown + "; a verification takes deal, from, to and anchor");
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getValue().length > 1) {
                throw invalid("parameter '" + parameter.getKey() + "' is given " + parameter.getValue().length
                        + " times; give it once");
            }
        }
        return of(one(parameters, "deal"), one(parameters, "from"), one(parameters, "to"), one(parameters, "anchor"));
    }

    /**
     * From the four values, each {@code null} when not given.
     *
     * @throws LedgerException {@code INVALID_PARAMETER}: a blank value, a deal id longer than the store's column, a
     *                         global index that is not a whole number from 0, or {@code from} after {@code to}
     */
    static VerificationScope of(String deal, String from, String to, String anchor) {
        if (deal != null && (deal.isBlank() || deal.length() > MAX_DEAL)) {
            throw invalid("parameter 'deal' must be a deal id of 1 to " + MAX_DEAL + " characters");
        }
        if (anchor != null && anchor.isBlank()) {
            throw invalid("parameter 'anchor' must not be blank; leave it out to verify without an anchor");
        }
        Long fromIndex = globalIndex("from", from);
        Long toIndex = globalIndex("to", to);
        if (fromIndex != null && toIndex != null && fromIndex > toIndex) {
            throw invalid("parameter 'from' (" + fromIndex + ") is after 'to' (" + toIndex + "); both are included");
        }
        return new VerificationScope(deal, fromIndex, toIndex, anchor);
    }

    private static String one(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
    }

    private static Long globalIndex(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            long index = Long.parseLong(value.trim());
            if (index < 0) {
                throw new NumberFormatException();
            }
            return index;
        } catch (NumberFormatException e) {
            throw invalid("parameter '" + name + "' must be a global index, a whole number from 0; got '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
        }
    }

    private static LedgerException invalid(String message) {
        return new LedgerException(ProblemCode.INVALID_PARAMETER, message);
    }
}

package org.pipelineledger.app.security;

import java.util.Arrays;
import java.util.Locale;

/** The ledger's roles; Spring Security sees them as authorities {@code ROLE_REP}, {@code ROLE_MANAGER}, ... */
enum LedgerRole {
    REP, MANAGER, ANALYST, AUDITOR, ADMIN;

    static String[] names(LedgerRole... roles) {
        return Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
    }

    /** Accepts {@code manager}, {@code MANAGER} or {@code ROLE_MANAGER}. */
    static LedgerRole parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("ROLE_")) {
            name = name.substring("ROLE_".length());
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(
                    "unknown role '" + text + "'; the roles are " + Arrays.toString(values()));
        }
    }
}

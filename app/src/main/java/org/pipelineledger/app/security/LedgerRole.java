package org.pipelineledger.app.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The ledger's roles; Spring Security sees them as authorities {@code ROLE_REP}, {@code ROLE_MANAGER}, ...
 * {@code MONITOR} is a scraper's: the operators' endpoints ({@code /actuator/prometheus}, the health's details), no
 * deal (ADR 0021).
 */
enum LedgerRole {
    REP, MANAGER, ANALYST, AUDITOR, ADMIN, MONITOR;

    static String[] names(LedgerRole... roles) {
        return Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
    }

    /** The caller's roles by name ({@code MANAGER}, not {@code ROLE_MANAGER}), sorted; none when not signed in. */
    static List<String> of(Authentication authentication) {
        if (authentication == null) {
            return List.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.startsWith("ROLE_") ? authority.substring("ROLE_".length()) : authority)
                .sorted()
                .toList();
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

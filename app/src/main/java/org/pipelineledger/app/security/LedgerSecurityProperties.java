package org.pipelineledger.app.security;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users from configuration ({@code ledger.security.users}), for every profile. Passwords are stored encoded, with
 * the encoder's id in front: {@code {bcrypt}$2a$10$...} (or {@code {noop}secret} for throwaway setups). Example:
 *
 * <pre>
 * ledger.security.users[0].name=alice
 * ledger.security.users[0].password={bcrypt}$2a$10$...
 * ledger.security.users[0].roles=MANAGER
 * </pre>
 *
 * or as environment variables {@code LEDGER_SECURITY_USERS_0_NAME}, {@code LEDGER_SECURITY_USERS_0_PASSWORD},
 * {@code LEDGER_SECURITY_USERS_0_ROLES}.
 */
@ConfigurationProperties("ledger.security")
record LedgerSecurityProperties(List<ConfiguredUser> users) {

    LedgerSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One user: a name, an encoded password and at least one of the ledger's roles. */
    record ConfiguredUser(String name, String password, List<String> roles) {

        // DelegatingPasswordEncoder needs the {id} prefix; without it every login would fail at request time
        private static final Pattern ENCODED = Pattern.compile("\\{[a-zA-Z0-9_-]+}.+");

        ConfiguredUser {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("ledger.security.users: every user needs a name");
            }
            if (password == null || !ENCODED.matcher(password).matches()) {
                throw new IllegalArgumentException("ledger.security.users: the password of '" + name
                        + "' must be encoded with the encoder's id in front, e.g. {bcrypt}$2a$10$...");
            }
            if (roles == null || roles.isEmpty()) {
                throw new IllegalArgumentException("ledger.security.users: '" + name + "' needs at least one role");
            }
            roles.forEach(LedgerRole::parse);
            roles = List.copyOf(roles);
        }

        List<LedgerRole> ledgerRoles() {
            return roles.stream().map(LedgerRole::parse).distinct().toList();
        }
    }
}

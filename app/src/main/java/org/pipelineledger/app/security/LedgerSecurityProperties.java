package org.pipelineledger.app.security;

import java.util.List;
import java.util.regex.Pattern;
import org.pipelineledger.events.Limits;
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
 * {@code LEDGER_SECURITY_USERS_0_ROLES}. A name is 1 to 64 ASCII letters, digits, '.', '_', '@' or '-'
 * ({@link Limits#USER_NAME}); any other is refused at start-up.
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
            // the name is recorded as the actor of every event the user causes, and owns the deals they open
            if (!Limits.isUserName(name)) {
                throw new IllegalArgumentException("ledger.security.users: the name '" + printable(name)
                        + "' must be 1 to 64 letters, digits, '.', '_', '@' or '-' (" + Limits.USER_NAME.pattern()
                        + ")");
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

        /** A name refused for its characters is shown with them escaped, so the log shows what was configured. */
        private static String printable(String name) {
            StringBuilder shown = new StringBuilder();
            name.codePoints().limit(80).forEach(c -> shown.append(c >= 0x20 && c < 0x7F
                    ? Character.toString(c)
                    : String.format("\\u%04X", c)));
            return name.codePointCount(0, name.length()) > 80 ? shown + "..." : shown.toString();
        }

        List<LedgerRole> ledgerRoles() {
            return roles.stream().map(LedgerRole::parse).distinct().toList();
        }
    }
}

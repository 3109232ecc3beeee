package org.pipelineledger.app.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Where users come from. The {@code embedded} profile adds the demo users (password {@code demo}) and says so
 * loudly; every profile takes users from {@code ledger.security.users}. With neither there are no users at all:
 * defining this bean also keeps Spring Boot from inventing a {@code user} with a generated password.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerSecurityProperties.class)
class UsersConfiguration {

    static final String DEMO_PASSWORD = "demo";

    /**
     * The demo password is printed in the README, so a slow hash protects nothing; every Basic request
     * re-checks it, so cost 4 (about a millisecond) instead of the default 10 keeps load tests measuring
     * the ledger rather than bcrypt.
     */
    static final int DEMO_BCRYPT_COST = 4;

    private static final Logger log = LoggerFactory.getLogger(UsersConfiguration.class);

    private static final Map<String, LedgerRole> DEMO_USERS = demoUsers();

    /** Verifies {bcrypt}, {noop}, {pbkdf2}, ... hashes; new hashes would be bcrypt at the default cost. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Profile("embedded")
    UserDetailsService embeddedUsers(LedgerSecurityProperties properties) {
        BCryptPasswordEncoder demoEncoder = new BCryptPasswordEncoder(DEMO_BCRYPT_COST);
        List<UserDetails> users = new ArrayList<>();
        DEMO_USERS.forEach((name, role) -> users.add(User.withUsername(name)
                .password("{bcrypt}" + demoEncoder.encode(DEMO_PASSWORD))
                .roles(role.name())
                .build()));
        log.warn("Demo credentials are active (profile 'embedded'): users {} with password '{}'. "
                + "Never expose this instance; run another profile with ledger.security.users instead.",
                DEMO_USERS.keySet(), DEMO_PASSWORD);
        users.addAll(configured(properties));
        return readOnly(users);
    }

    @Bean
    @Profile("!embedded")
    UserDetailsService configuredUsers(LedgerSecurityProperties properties) {
        List<UserDetails> users = configured(properties);
        if (users.isEmpty()) {
            log.warn("No users are configured: every request that needs a login will be refused with 401. "
                    + "Configure ledger.security.users (or run the 'embedded' profile for demo users).");
        } else {
            log.info("{} user(s) configured from ledger.security.users", users.size());
        }
        return readOnly(users);
    }

    private static List<UserDetails> configured(LedgerSecurityProperties properties) {
        return properties.users().stream()
                .map(user -> User.withUsername(user.name())
                        .password(user.password())
                        .roles(user.ledgerRoles().stream().map(Enum::name).toArray(String[]::new))
                        .build())
                .toList();
    }

    /**
     * A configured user with a demo user's name replaces it. The manager is hidden behind a plain
     * UserDetailsService: as a UserDetailsPasswordService it would let Spring Security "upgrade" the cheap demo
     * hashes to cost 10 on first login, which is exactly the cost we chose to avoid.
     */
    private static UserDetailsService readOnly(List<UserDetails> users) {
        Map<String, UserDetails> byName = new LinkedHashMap<>();
        users.forEach(user -> byName.put(user.getUsername(), user));
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(byName.values());
        return manager::loadUserByUsername;
    }

    private static Map<String, LedgerRole> demoUsers() {
        Map<String, LedgerRole> users = new LinkedHashMap<>();
        users.put("rep", LedgerRole.REP);
        users.put("rep2", LedgerRole.REP);
        users.put("manager", LedgerRole.MANAGER);
        users.put("analyst", LedgerRole.ANALYST);
        users.put("auditor", LedgerRole.AUDITOR);
        users.put("admin", LedgerRole.ADMIN);
        return users;
    }
}

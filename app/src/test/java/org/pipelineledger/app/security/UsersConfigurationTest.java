package org.pipelineledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pipelineledger.events.Limits;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@ExtendWith(OutputCaptureExtension.class)
class UsersConfigurationTest {

    /** Shaped like a hash; these tests fail before any password is checked. */
    private static final String SOME_HASH = "{bcrypt}$2a$04$0QJmKLUOWzlqnNXQfQc1k.hvkdXVn5Oz8KzPpUBF9mNgdPs0Qdg7C";

    private final UsersConfiguration configuration = new UsersConfiguration();
    private final PasswordEncoder passwordEncoder = configuration.passwordEncoder();

    private static LedgerSecurityProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ledger.security", LedgerSecurityProperties.class);
    }

    @Test
    void withoutConfiguredUsersNobodyCanLogInAndTheLogSaysSo(CapturedOutput output) {
        UserDetailsService users = configuration.configuredUsers(bind(Map.of()));

        assertThatThrownBy(() -> users.loadUserByUsername("user")).isInstanceOf(UsernameNotFoundException.class);
        assertThat(output).contains("No users are configured").contains("ledger.security.users");
    }

    @Test
    void configuredUsersLogInWithTheirOwnPasswordAndRoles() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret");
        UserDetailsService users = configuration.configuredUsers(bind(Map.of(
                "ledger.security.users[0].name", "alice",
                "ledger.security.users[0].password", hash,
                "ledger.security.users[0].roles", "manager,ROLE_ANALYST")));

        UserDetails alice = users.loadUserByUsername("alice");
        assertThat(passwordEncoder.matches("s3cret", alice.getPassword())).isTrue();
        assertThat(passwordEncoder.matches("demo", alice.getPassword())).isFalse();
        assertThat(alice.getAuthorities()).map(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_MANAGER", "ROLE_ANALYST");
    }

    @Test
    void aPasswordWithoutItsEncoderIdIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of(
                "ledger.security.users[0].name", "alice",
                "ledger.security.users[0].password", "plain-text",
                "ledger.security.users[0].roles", "REP")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("must be encoded with the encoder's id in front");
    }

    @Test
    void anUnknownRoleIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of(
                "ledger.security.users[0].name", "alice",
                "ledger.security.users[0].password", SOME_HASH,
                "ledger.security.users[0].roles", "SUPERUSER")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("unknown role 'SUPERUSER'");
    }

    @Test
    void aUserWithoutARoleIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of(
                "ledger.security.users[0].name", "alice",
                "ledger.security.users[0].password", SOME_HASH)))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("needs at least one role");
    }

    @Test
    void theEmbeddedProfileWarnsThatDemoCredentialsAreActive(CapturedOutput output) {
        UserDetailsService users = configuration.embeddedUsers(bind(Map.of()));

        assertThat(passwordEncoder.matches("demo", users.loadUserByUsername("rep").getPassword())).isTrue();
        assertThat(output).contains("WARN").contains("Demo credentials are active");
    }

    @Test
    void aConfiguredUserReplacesTheDemoUserOfTheSameName() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("other");
        UserDetailsService users = configuration.embeddedUsers(new LedgerSecurityProperties(List.of(
                new LedgerSecurityProperties.ConfiguredUser("admin", hash, List.of("REP")))));

        UserDetails admin = users.loadUserByUsername("admin");
        assertThat(passwordEncoder.matches("demo", admin.getPassword())).isFalse();
        assertThat(admin.getAuthorities()).map(GrantedAuthority::getAuthority).containsExactly("ROLE_REP");
    }

    @ParameterizedTest(name = "the user name \"{0}\" is refused at start-up")
    @ValueSource(strings = {"alice smith", "al\u0000ice", "al\u202Eice", "al\nice", "jos\u00e9", "a/b",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void aUserNameThatCouldNotBeRecordedAsAnActorIsRefusedAtStartUp(String name) {
        assertThatThrownBy(() -> bind(Map.of(
                "ledger.security.users[0].name", name,
                "ledger.security.users[0].password", SOME_HASH,
                "ledger.security.users[0].roles", "REP")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("must be 1 to 64 letters, digits");
    }

    @Test
    void aRefusedUserNameIsLoggedWithItsInvisibleCharactersSpelledOut() {
        assertThatThrownBy(() -> bind(Map.of(
                "ledger.security.users[0].name", "al\u202Eice",
                "ledger.security.users[0].password", SOME_HASH,
                "ledger.security.users[0].roles", "REP")))
                .rootCause().hasMessageContaining("'al\\u202Eice'");
    }

    @ParameterizedTest(name = "the user name \"{0}\" is accepted")
    @ValueSource(strings = {"alice", "a", "alice.smith@example.com", "svc_import-2",
            "a123456789012345678901234567890123456789012345678901234567890123"})
    void aUserNameOfUpTo64LettersDigitsAndDotUnderscoreAtOrDashIsAccepted(String name) {
        UserDetailsService users = configuration.configuredUsers(bind(Map.of(
                "ledger.security.users[0].name", name,
                "ledger.security.users[0].password", SOME_HASH,
                "ledger.security.users[0].roles", "REP")));

        assertThat(users.loadUserByUsername(name).getUsername()).isEqualTo(name);
    }

    @Test
    void everyDemoUserHasAUserNameTheLedgerCanRecord() {
        UserDetailsService users = configuration.embeddedUsers(bind(Map.of()));

        for (String name : List.of("rep", "rep2", "manager", "analyst", "auditor", "admin")) {
            assertThat(users.loadUserByUsername(name).getUsername()).matches(Limits.USER_NAME);
        }
    }
}

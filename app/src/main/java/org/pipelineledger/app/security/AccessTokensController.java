package org.pipelineledger.app.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.pipelineledger.events.Limits;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal access tokens over HTTP (ADR 0020): every signed-in user issues, lists and revokes their own; an ADMIN
 * lists and revokes anyone's. Issuing needs the password (HTTP Basic or the browser's session), so that a token that
 * leaks cannot mint more tokens that outlive its revocation. {@code @Lazy} as {@link AccessTokens} is.
 */
@RestController
@Lazy
class AccessTokensController {

    private final AccessTokens tokens;

    AccessTokensController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * The body: a {@code name} saying where the token is used (1 to 100 characters on one line) and at most one of
     * {@code expiresAt} (an instant) and {@code expiresInDays} (1 to 365); neither gives 30 days.
     */
    record IssueRequest(@NotNull String name, Instant expiresAt, Integer expiresInDays) {
    }

    /** The answer to an issue: the token, here and never again, with what a list will show of it. */
    record IssuedToken(String token, String id, String user, String name, Instant createdAt, Instant expiresAt) {
    }

    @PostMapping(path = "/api/tokens", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedToken> issue(@Valid @RequestBody IssueRequest body, Authentication caller) {
        if (caller instanceof BearerTokenFilter.BearerAuthentication) {
            throw new LedgerException(ProblemCode.ACCESS_DENIED, "A token cannot issue tokens: issue them with the"
                    + " password (HTTP Basic, or signed in in the browser).");
        }
        Limits.singleLine(body.name(), AccessTokens.MAX_NAME_LENGTH).ifPresent(problem -> {
            throw LedgerException.invalidField("name", problem);
        });
        if (body.name().isBlank()) {
            throw LedgerException.invalidField("name", "must not be blank");
        }
        Instant expiresAt = tokens.expiry(body.expiresAt(), body.expiresInDays());
        AccessTokens.Issued issued = tokens.issue(caller.getName(), body.name(), expiresAt);
        AccessTokens.TokenView view = issued.view();
        return ResponseEntity.created(URI.create("/api/tokens/" + view.id()))
                .header("Cache-Control", "no-store")
                .body(new IssuedToken(issued.token(), view.id(), view.user(), view.name(), view.createdAt(),
                        view.expiresAt()));
    }

    /** The caller's tokens, newest first; an ADMIN may name another {@code user}. Never a secret. */
    @GetMapping(path = "/api/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    List<AccessTokens.TokenView> list(@RequestParam(required = false) String user, Authentication caller) {
        if (user == null || user.equals(caller.getName())) {
            return tokens.list(caller.getName());
        }
        if (!Limits.isUserName(user)) {
            throw new LedgerException(ProblemCode.INVALID_PARAMETER,
                    "Parameter 'user' is invalid: a user name is 1 to 64 letters, digits, '.', '_', '@' or '-'.");
        }
        if (!isAdmin(caller)) {
            throw new LedgerException(ProblemCode.ACCESS_DENIED, "Only an ADMIN may list another user's tokens.");
        }
        return tokens.list(user);
    }

    /** Every user's tokens, newest first (ADMIN, by the {@code /api/admin/**} rule). */
    @GetMapping(path = "/api/admin/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    List<AccessTokens.TokenView> listAll() {
        return tokens.list(null);
    }

    /** Revokes one of the caller's tokens (an ADMIN: anyone's); 204, also when it was revoked already. */
    @DeleteMapping(path = "/api/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id, Authentication caller) {
        tokens.revoke(id, isAdmin(caller) ? null : caller.getName(), caller.getName());
        return ResponseEntity.noContent().build();
    }

    private static boolean isAdmin(Authentication caller) {
        return LedgerRole.of(caller).contains(LedgerRole.ADMIN.name());
    }
}

package org.pipelineledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Personal access tokens over real HTTP (ADR 0020), with the demo users and a clock the test moves: issued with the
 * password and shown once, used as Bearer (no session, no CSRF token), listed without a secret, revoked by their
 * user or an ADMIN, expired, and every bad request a problem. A context of its own: its clock jumps days ahead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.test.context=access-tokens")
@ActiveProfiles({"embedded", "test"})
@Import(MovableClock.Registration.class)
class AccessTokensIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    @Test
    void anIssuedTokenIsShownOnceAndActsAsItsUserWithoutSessionOrCsrf() {
        Reply issued = send("POST", "/api/tokens", basic("rep"), "{\"name\":\"laptop script\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().path("token").asText();
        String id = issued.json().path("id").asText();
        assertThat(token).matches("pl_[A-Za-z0-9_-]{43}");
        assertThat(issued.headers().firstValue("Location")).contains("/api/tokens/" + id);
        assertThat(issued.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(issued.json().path("user").asText()).isEqualTo("rep");

        Reply session = send("GET", "/api/session", bearer(token), null);
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        assertThat(session.json().path("user").asText()).isEqualTo("rep");
        assertThat(session.json().path("roles").toString()).isEqualTo("[\"REP\"]");
        assertThat(session.json().has("csrfToken")).as("a bearer request needs no CSRF token").isFalse();
        assertThat(session.headers().firstValue("Set-Cookie")).as("and gets no session").isEmpty();

        String deal = "token-" + UUID.randomUUID();
        Reply created = send("POST", "/api/opportunities", bearer(token), "{\"id\":\"" + deal + "\",\"name\":\"Via"
                + " token\",\"account\":\"Acme\",\"amount\":1000,\"closeDate\":\"2031-06-30\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Reply listed = send("GET", "/api/tokens", basic("rep"), null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(token.substring(3)).doesNotContain(AccessTokens.hash(token));
        JsonNode mine = find(listed.json(), id);
        assertThat(mine.path("name").asText()).isEqualTo("laptop script");
        assertThat(mine.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(mine.path("lastUsedAt").isTextual()).as(mine.toString()).isTrue();
        assertThat(mine.has("token")).isFalse();
    }

    @Test
    void aSignedInBrowserIssuesATokenWithTheSessionsCsrfTokenOnly() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String form = browser.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(form);
        assertThat(csrf.find()).as(form).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=manager&password=demo&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        JsonNode session = JSON.readTree(browser.send(HttpRequest.newBuilder(uri("/api/session"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body());
        HttpRequest.Builder issue = HttpRequest.newBuilder(uri("/api/tokens"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"from the browser\"}"));

        HttpResponse<String> withoutCsrf = browser.send(issue.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutCsrf.statusCode()).as(withoutCsrf.body()).isEqualTo(403);
        HttpResponse<String> issued = browser.send(issue.header(session.path("csrfHeader").asText(),
                session.path("csrfToken").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String token = JSON.readTree(issued.body()).path("token").asText();
        assertThat(send("GET", "/api/session", bearer(token), null).json().path("user").asText()).isEqualTo("manager");
    }

    @Test
    void aTokenCannotIssueTokensButMayListAndRevokeItself() {
        String[] issued = issue("manager", "{\"name\":\"ci\"}");
        Reply refused = send("POST", "/api/tokens", bearer(issued[0]), "{\"name\":\"another\"}");
        assertProblem(refused, 403, "ACCESS_DENIED");

        assertThat(send("GET", "/api/tokens", bearer(issued[0]), null).status()).isEqualTo(200);
        assertThat(send("DELETE", "/api/tokens/" + issued[1], bearer(issued[0]), null).status()).isEqualTo(204);
        Reply after = send("GET", "/api/session", bearer(issued[0]), null);
        assertProblem(after, 401, "INVALID_TOKEN");
        assertThat(after.json().path("detail").asText()).startsWith("The bearer token was revoked at ");
    }

    @Test
    void aRevokedTokenIsRefusedAndListedAsRevoked() {
        String[] issued = issue("analyst", "{\"name\":\"reports\",\"expiresInDays\":7}");
        assertThat(send("GET", "/api/board", bearer(issued[0]), null).status()).isEqualTo(200);

        assertThat(send("DELETE", "/api/tokens/" + issued[1], basic("analyst"), null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/api/tokens/" + issued[1], basic("analyst"), null).status())
                .as("revoking again changes nothing").isEqualTo(204);

        assertProblem(send("GET", "/api/board", bearer(issued[0]), null), 401, "INVALID_TOKEN");
        JsonNode listed = find(send("GET", "/api/tokens", basic("analyst"), null).json(), issued[1]);
        assertThat(listed.path("status").asText()).isEqualTo("REVOKED");
        assertThat(listed.path("revokedBy").asText()).isEqualTo("analyst");
    }

    @Test
    void someoneElsesTokenIsNotFoundAndTheirListIsForbidden() {
        String[] issued = issue("rep", "{\"name\":\"mine\"}");

        Reply revoke = send("DELETE", "/api/tokens/" + issued[1], basic("rep2"), null);
        assertProblem(revoke, 404, "TOKEN_NOT_FOUND");
        assertThat(send("GET", "/api/session", bearer(issued[0]), null).status()).as("still valid").isEqualTo(200);
        assertProblem(send("GET", "/api/tokens?user=rep", basic("rep2"), null), 403, "ACCESS_DENIED");
        assertProblem(send("GET", "/api/admin/tokens", basic("manager"), null), 403, "ACCESS_DENIED");
        assertProblem(send("DELETE", "/api/tokens/" + UUID.randomUUID(), basic("rep"), null), 404,
                "TOKEN_NOT_FOUND");
        assertProblem(send("DELETE", "/api/tokens/not-an-id", basic("rep"), null), 404, "TOKEN_NOT_FOUND");
    }

    @Test
    void anAdminListsAndRevokesAnyonesTokens() {
        String[] issued = issue("rep2", "{\"name\":\"rep2's\"}");

        Reply ofRep2 = send("GET", "/api/tokens?user=rep2", basic("admin"), null);
        assertThat(ofRep2.status()).isEqualTo(200);
        assertThat(find(ofRep2.json(), issued[1]).path("user").asText()).isEqualTo("rep2");
        Reply all = send("GET", "/api/admin/tokens", basic("admin"), null);
        assertThat(all.status()).isEqualTo(200);
        find(all.json(), issued[1]);
        assertThat(all.body()).doesNotContain(issued[0].substring(3));

        assertThat(send("DELETE", "/api/tokens/" + issued[1], basic("admin"), null).status()).isEqualTo(204);
        assertProblem(send("GET", "/api/session", bearer(issued[0]), null), 401, "INVALID_TOKEN");
        JsonNode revoked = find(send("GET", "/api/tokens", basic("rep2"), null).json(), issued[1]);
        assertThat(revoked.path("revokedBy").asText()).isEqualTo("admin");
    }

    @Test
    void aTokenExpiresWhenItsTimeHasCome() {
        String[] issued = issue("auditor", "{\"name\":\"one day\",\"expiresInDays\":1}");
        assertThat(send("GET", "/api/session", bearer(issued[0]), null).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(1).plusSeconds(1));

        Reply expired = send("GET", "/api/session", bearer(issued[0]), null);
        assertProblem(expired, 401, "INVALID_TOKEN");
        assertThat(expired.json().path("detail").asText()).startsWith("The bearer token expired at ");
        assertThat(find(send("GET", "/api/tokens", basic("auditor"), null).json(), issued[1]).path("status")
                .asText()).isEqualTo("EXPIRED");
    }

    @Test
    void aWrongTokenIsRefusedAsAnInvalidToken() {
        assertProblem(send("GET", "/api/board", "Bearer pl_" + "A".repeat(43), null), 401, "INVALID_TOKEN");
        assertProblem(send("GET", "/api/board", "Bearer demo", null), 401, "INVALID_TOKEN");
        assertProblem(send("GET", "/api/board", "bearer ", null), 401, "INVALID_TOKEN");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no name | {} | VALIDATION_FAILED",
            "a blank name | {\"name\":\"  \"} | VALIDATION_FAILED",
            "a name over 100 characters | {\"name\":\"NAME101\"} | VALIDATION_FAILED",
            "a control character | {\"name\":\"a\\u0007b\"} | VALIDATION_FAILED",
            "both expiries | {\"name\":\"x\",\"expiresInDays\":3,\"expiresAt\":\"2099-01-01T00:00:00Z\"} | VALIDATION_FAILED",
            "zero days | {\"name\":\"x\",\"expiresInDays\":0} | VALIDATION_FAILED",
            "more than a year | {\"name\":\"x\",\"expiresInDays\":366} | VALIDATION_FAILED",
            "an expiry in the past | {\"name\":\"x\",\"expiresAt\":\"2020-01-01T00:00:00Z\"} | VALIDATION_FAILED",
            "an expiry beyond a year | {\"name\":\"x\",\"expiresAt\":\"2999-01-01T00:00:00Z\"} | VALIDATION_FAILED",
            "an unknown field | {\"name\":\"x\",\"user\":\"admin\"} | MALFORMED_REQUEST",
            "not an instant | {\"name\":\"x\",\"expiresAt\":\"tomorrow\"} | MALFORMED_REQUEST",
            "days as a fraction | {\"name\":\"x\",\"expiresInDays\":1.5} | MALFORMED_REQUEST",
            "not JSON | {name | MALFORMED_REQUEST"})
    void aBadIssueRequestIsAProblem(String why, String body, String code) {
        Reply reply = send("POST", "/api/tokens", basic("rep"), body.replace("NAME101", "n".repeat(101)));
        assertProblem(reply, 400, code);
    }

    @Test
    void aBadUserParameterIsAProblem() {
        assertProblem(send("GET", "/api/tokens?user=a%20b", basic("admin"), null), 400, "INVALID_PARAMETER");
    }

    private String[] issue(String user, String body) {
        Reply issued = send("POST", "/api/tokens", basic(user), body);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return new String[] {issued.json().path("token").asText(), issued.json().path("id").asText()};
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode token : list) {
            if (token.path("id").asText().equals(id)) {
                return token;
            }
        }
        throw new AssertionError("no token " + id + " in " + list);
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(reply.json().path("code").asText()).as(reply.body()).isEqualTo(code);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private Reply send(String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

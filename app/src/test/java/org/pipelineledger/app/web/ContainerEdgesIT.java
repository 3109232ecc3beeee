package org.pipelineledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the servlet container and the filters in front of Spring MVC answer, sent byte for byte over a socket (an
 * HTTP client would normalise these paths or refuse to send these requests): every answer is a problem with a
 * code, and every answer carries {@code X-Content-Type-Options: nosniff}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
@Import(ContainerEdgesIT.FailingFilter.class)
class ContainerEdgesIT {

    /** A filter that fails outside Spring MVC, as a broken filter or a servlet-level sendError would. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailingFilter {

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                    new OncePerRequestFilter() {
                        @Override
                        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                FilterChain chain) throws IOException {
                            if (request.getRequestURI().endsWith("/throws")) {
                                throw new IllegalStateException("password=hunter2 at db-3.internal");
                            }
                            response.sendError(503, "pool exhausted at db-3.internal");
                        }
                    });
            registration.addUrlPatterns("/api/failing-filter/*");
            return registration;
        }
    }

    private static final String REQUEST_ID = "X-Request-Id: edge-1";
    private static final int LIMIT = RequestBodyLimitFilter.MAX_BODY_BYTES;
    private static final String NEW_DEAL =
            "{\"name\": \"Edge\", \"account\": \"Edge Ltd\", \"amount\": 100, \"closeDate\": \"2030-01-31\"}";

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    private RawHttp http() {
        return new RawHttp(port);
    }

    private static DocumentContext problem(RawHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.all("X-Content-Type-Options")).as(reply.toString()).containsExactly("nosniff");
        assertThat(reply.body()).doesNotContain("<html", "Tomcat", "Exception", "java.");
        DocumentContext json = JsonPath.parse(reply.body());
        assertThat(json.read("$.status", Integer.class)).isEqualTo(status);
        assertThat(json.read("$.code", String.class)).isEqualTo(code);
        assertThat(json.read("$.type", String.class)).isEqualTo(
                "tag:pipelineledger.org,2026:problem:" + code.toLowerCase().replace('_', '-'));
        assertThat(json.read("$.title", String.class)).isNotBlank();
        assertThat(json.read("$.detail", String.class)).isNotBlank();
        return json;
    }

    private RawHttp.Reply post(String path, List<String> headers, byte[] body) {
        List<String> all = new ArrayList<>(headers);
        all.add(RawHttp.basic("rep"));
        all.add("Content-Type: application/json");
        return http().send("POST " + path + " HTTP/1.1", all, body);
    }

    private static byte[] padded(String json, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, body, 0, text.length);
        return body;
    }

    @ParameterizedTest(name = "GET {0} is refused by {1}")
    @CsvSource({
            "/api/..%2Fboard,           Tomcat",
            "/api/%2e%2e/%2e%2e/board,  Tomcat",
            "/api/board%00,             Tomcat",
            "/api/board%5Cx,            Tomcat",
            "/..,                       Tomcat",
            "/api/%2e%2e/board,         the firewall",
            "/api/board;jsessionid=x,   the firewall",
            "/api/..;/board,            the firewall",
            "/api//board,               the firewall",
            "/api/board%25,             the firewall"})
    void aPathThatCouldMeanSomethingElseIsAnInvalidPath(String path, String refusedBy) {
        DocumentContext json = problem(http().get(path, RawHttp.basic("analyst"), REQUEST_ID), 400, "INVALID_PATH");
        assertThat(json.read("$.instance", String.class)).isEqualTo(path);
        assertThat(json.read("$.requestId", String.class)).isEqualTo("edge-1");
    }

    @Test
    void aMalformedEscapeIsAnInvalidPathWithNoInstanceSinceItIsNoUri() {
        DocumentContext json = problem(http().get("/api/%zz", RawHttp.basic("analyst")), 400, "INVALID_PATH");
        assertThat(json.read("$", Map.class)).doesNotContainKey("instance");
    }

    @Test
    void aRequestTargetWithCharactersThatMustBeEncodedIsAnInvalidPath() {
        DocumentContext json = problem(http().get("/api/board|x", RawHttp.basic("analyst")), 400, "INVALID_PATH");
        assertThat(json.read("$.detail", String.class)).contains("percent-encoded");
    }

    @Test
    void headersLargerThanTheContainerAcceptsAreHeaderTooLarge() {
        DocumentContext json = problem(http().get("/api/board", RawHttp.basic("analyst"), REQUEST_ID,
                "X-Padding: " + "a".repeat(16 * 1024)), 431, "HEADER_TOO_LARGE");
        assertThat(json.read("$.detail", String.class))
                .isEqualTo("The request line and headers are larger than the 8 KB this server accepts.");
        assertThat(json.read("$.instance", String.class)).isEqualTo("/api/board");
    }

    @Test
    void aRequestLineLargerThanTheContainerAcceptsIsHeaderTooLarge() {
        problem(http().get("/api/board?padding=" + "a".repeat(16 * 1024), RawHttp.basic("analyst")), 431,
                "HEADER_TOO_LARGE");
    }

    @ParameterizedTest(name = "{0} is not allowed")
    @ValueSource(strings = {"TRACE", "FOO"})
    void aMethodNobodyServesIsMethodNotAllowed(String method) {
        DocumentContext json = problem(http().send(method + " /api/board HTTP/1.1",
                List.of(RawHttp.basic("analyst")), null), 405, "METHOD_NOT_ALLOWED");
        assertThat(json.read("$.detail", String.class)).isEqualTo("Method '" + method + "' is not allowed.");
    }

    @Test
    void aMethodTheEndpointDoesNotServeIsMethodNotAllowed() {
        problem(http().send("DELETE /api/board HTTP/1.1", List.of(RawHttp.basic("rep")), null), 405,
                "METHOD_NOT_ALLOWED");
    }

    @Test
    void anAnswerTheClientDoesNotAcceptIsNotAcceptable() {
        problem(http().get("/api/board", RawHttp.basic("analyst"), "Accept: text/html"), 406, "NOT_ACCEPTABLE");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        problem(http().send("POST /api/opportunities HTTP/1.1", List.of(RawHttp.basic("rep"),
                "Content-Type: text/plain", "Content-Length: 4"), "Acme".getBytes(StandardCharsets.UTF_8)),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CONNECT localhost:80 HTTP/1.1 |                          | 501 | NOT_IMPLEMENTED",
            "POST /api/opportunities HTTP/1.1 | Transfer-Encoding: gzip | 501 | NOT_IMPLEMENTED",
            "GET /api/board HTTP/2.1       |                          | 505 | HTTP_VERSION_NOT_SUPPORTED",
            "POST /api/opportunities HTTP/1.1 | Expect: 200-ok        | 417 | EXPECTATION_FAILED",
            "G(T /api/board HTTP/1.1       |                          | 400 | BAD_REQUEST",
            "GET /api/board HTTP/1.1       | Bad Header: x            | 400 | BAD_REQUEST",
            "POST /api/opportunities HTTP/1.1 | Content-Length: x     | 400 | BAD_REQUEST"})
    void whatTheContainerRefusesItselfIsAProblem(String requestLine, String header, int status, String code) {
        List<String> headers = new ArrayList<>(List.of(RawHttp.basic("rep")));
        if (header != null) {
            headers.add(header);
        }
        problem(http().send(requestLine, headers, null), status, code);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"G(T /api/board HTTP/1.1", "CONNECT localhost:80 HTTP/1.1"})
    void aRefusalWithoutAPathToReportHasNoInstance(String requestLine) {
        DocumentContext json = JsonPath.parse(http().send(requestLine, List.of(), null).body());

        assertThat(json.read("$", Map.class)).doesNotContainKey("instance").containsKey("code");
    }

    @Test
    void aHeaderTheFirewallRefusesIsABadRequest() {
        problem(http().get("/api/board", "Authorization: Basic \u0085"), 400, "BAD_REQUEST");
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsSent() {
        // the body never comes: only a refusal that does not wait for it can be read here
        DocumentContext json = problem(post("/api/opportunities", List.of("Content-Length: " + (LIMIT + 1)), null),
                413, "PAYLOAD_TOO_LARGE");
        assertThat(json.read("$.detail", String.class))
                .isEqualTo("The request body is larger than the 64 KiB this API reads.");
    }

    @Test
    void aFormBodyOverTheLimitIsRefusedBeforeAnyFilterReadsItOrAsksWhoSentIt() {
        // Spring's form-content filter reads PUT forms; ordered after it, the limit would wait here for the body
        problem(http().send("PUT /api/opportunities HTTP/1.1", List.of(
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: " + (LIMIT + 1)), null),
                413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aChunkedBodyLargerThanTheLimitIsRefused() {
        problem(post("/api/opportunities", List.of("Transfer-Encoding: chunked"),
                RawHttp.chunked(padded(NEW_DEAL, LIMIT + 1))), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() {
        RawHttp.Reply reply = post("/api/opportunities", List.of("Content-Length: " + LIMIT),
                padded(NEW_DEAL, LIMIT));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsRead() {
        RawHttp.Reply reply = post("/api/opportunities", List.of("Transfer-Encoding: chunked"),
                RawHttp.chunked(padded(NEW_DEAL, LIMIT)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.all("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void anUnknownFieldSentToTheRealCommandApiIsAMalformedRequest() {
        DocumentContext json = problem(post("/api/opportunities/no-such-deal/notes", List.of("Content-Length: 23"),
                "{\"text\":\"x\",\"bogus\":1 }".getBytes(StandardCharsets.UTF_8)), 400, "MALFORMED_REQUEST");
        assertThat(json.read("$.field", String.class)).isEqualTo("bogus");
    }

    @Test
    void aRepeatedFieldSentToTheRealCommandApiIsAMalformedRequest() {
        DocumentContext json = problem(post("/api/opportunities/no-such-deal/notes", List.of("Content-Length: 23"),
                "{\"text\":\"a\",\"text\":\"b\"}".getBytes(StandardCharsets.UTF_8)), 400, "MALFORMED_REQUEST");
        assertThat(json.read("$.field", String.class)).isEqualTo("text");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "/api/board,          analyst, 200",
            "/api/board,          ,        401",
            "/actuator/info,      analyst, 200",
            "/actuator/health,    ,        200",
            "/v3/api-docs,        ,        200",
            "/error,              analyst, 404",
            "/api/no-such-thing,  analyst, 404"})
    void everyAnswerForbidsContentSniffingOnce(String path, String user, int status) {
        RawHttp.Reply reply = user == null ? http().get(path) : http().get(path, RawHttp.basic(user));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.all("X-Content-Type-Options")).as(reply.toString()).containsExactly("nosniff");
    }

    @Test
    void aRefusedRoleIsForbiddenWithoutSniffing() {
        problem(http().send("POST /api/opportunities HTTP/1.1", List.of(RawHttp.basic("analyst"),
                "Content-Type: application/json", "Content-Length: 2"), "{}".getBytes(StandardCharsets.UTF_8)),
                403, "ACCESS_DENIED");
    }

    @Test
    void anExceptionInAFilterIsAnInternalErrorThatRevealsNothing() {
        RawHttp.Reply reply = http().get("/api/failing-filter/throws", RawHttp.basic("analyst"), REQUEST_ID);
        DocumentContext json = problem(reply, 500, "INTERNAL_ERROR");
        assertThat(reply.body()).doesNotContain("hunter2", "db-3");
        assertThat(json.read("$.requestId", String.class)).isEqualTo("edge-1");
        assertThat(json.read("$.instance", String.class)).isEqualTo("/api/failing-filter/throws");
    }

    @Test
    void anErrorAFilterSendsIsAProblemWithTheStatusCode() {
        RawHttp.Reply reply = http().get("/api/failing-filter/sends", RawHttp.basic("analyst"));
        problem(reply, 503, "SERVICE_UNAVAILABLE");
        assertThat(reply.body()).doesNotContain("db-3");
    }

    @Test
    void theErrorPageIsAProblemWithoutSniffing() {
        problem(http().get("/error", RawHttp.basic("analyst")), 404, "NOT_FOUND");
    }

    /** Spring Boot adds a plain ErrorReportValve and Tomcat adds one unless the host names another class. */
    @Test
    void theHostHasOneErrorReportValveAndItWritesProblems() {
        Host host = ((TomcatWebServer) context.getWebServer()).getTomcat().getHost();
        List<Valve> reporters = Arrays.stream(host.getPipeline().getValves())
                .filter(ErrorReportValve.class::isInstance).toList();

        assertThat(reporters).hasSize(1);
        assertThat(reporters.get(0).getClass().getSimpleName()).isEqualTo("ProblemReportValve");
        assertThat(((StandardHost) host).getErrorReportValveClass()).isEqualTo(reporters.get(0).getClass().getName());
    }
}

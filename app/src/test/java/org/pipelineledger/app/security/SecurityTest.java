package org.pipelineledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pipelineledger.app.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The embedded profile (the default): demo users, role rules, and refusals as problems. */
@WebSlice
class SecurityTest {

    private static final String CHALLENGE = "Basic realm=\"pipeline-ledger\"";

    @Autowired
    MockMvc mvc;

    @Autowired
    UserDetailsService users;

    @Test
    void aRequestWithoutCredentialsIsUnauthenticatedWithABasicChallenge() throws Exception {
        mvc.perform(get("/api/stub/read").header("X-Request-Id", "req-1"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", CHALLENGE))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
                .andExpect(jsonPath("$.detail").value("This request needs HTTP Basic credentials."))
                .andExpect(jsonPath("$.instance").value("/api/stub/read"))
                .andExpect(jsonPath("$.requestId").value("req-1"));
    }

    @Test
    void aWrongPasswordIsUnauthenticated() throws Exception {
        mvc.perform(get("/api/stub/read").with(httpBasic("manager", "not-demo")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", CHALLENGE))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
                .andExpect(jsonPath("$.detail").value("The user name or password is not valid."));
    }

    @Test
    void anUnknownUserGetsTheSameAnswerAsAWrongPassword() throws Exception {
        mvc.perform(get("/api/stub/read").with(httpBasic("mallory", "demo")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("The user name or password is not valid."));
    }

    @Test
    void pathsOutsideTheApiAlsoNeedALogin() throws Exception {
        mvc.perform(get("/actuator/info"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    /** Issue 20's and 21's rules: refused before any controller, so they hold whether or not the endpoint exists. */
    @ParameterizedTest(name = "{0} {1} as {2} is refused")
    @org.junit.jupiter.params.provider.CsvSource({
            "GET, /api/metrics, rep", "GET, /api/metrics/conversion, rep2", "GET, /api/targets/2027-Q1, rep",
            "PUT, /api/targets/2027-Q1, analyst", "PUT, /api/targets/2027-Q1, auditor", "PUT, /api/targets/2027-Q1, rep",
            "POST, /api/imports, manager", "GET, /api/imports/42, analyst", "GET, /api/imports/42/problems, auditor",
            "GET, /api/audit/verify, manager", "GET, /api/audit/anchor, rep", "POST, /api/audit/verifications, analyst",
            "GET, /api/audit/verifications/1, rep2"})
    void metricsTargetsImportsAndAuditsAreForTheirRolesOnly(String method, String path, String user) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .request(org.springframework.http.HttpMethod.valueOf(method), path)
                        .with(httpBasic(user, "demo")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("ACCESS_DENIED"));
    }

    @ParameterizedTest(name = "{0} may read")
    @ValueSource(strings = {"rep", "rep2", "manager", "analyst", "auditor", "admin"})
    void everyDemoUserLogsInWithTheDemoPasswordAndMayRead(String user) throws Exception {
        mvc.perform(get("/api/stub/read").with(httpBasic(user, "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("read"));
    }

    @ParameterizedTest(name = "{0} may write")
    @ValueSource(strings = {"rep", "rep2", "manager", "admin"})
    void repsManagersAndAdminsMayPostWithoutACsrfToken(String user) throws Exception {
        mvc.perform(post("/api/stub/write").with(httpBasic(user, "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("written"));
    }

    @ParameterizedTest(name = "{0} may not write")
    @ValueSource(strings = {"analyst", "auditor"})
    void analystsAndAuditorsAreDeniedAPost(String user) throws Exception {
        mvc.perform(post("/api/stub/write").with(httpBasic(user, "demo")).header("X-Request-Id", "req-2"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.code").value("ACCESS_DENIED"))
                .andExpect(jsonPath("$.detail").value(
                        "POST /api/stub/write is not allowed for the role(s) " + user.toUpperCase() + "."))
                .andExpect(jsonPath("$.requestId").value("req-2"));
    }

    @Test
    void readOnlyRolesAreDeniedEveryOtherChangingMethodToo() throws Exception {
        mvc.perform(put("/api/stub/write").with(httpBasic("analyst", "demo")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("ACCESS_DENIED"));
        mvc.perform(delete("/api/stub/read").with(httpBasic("auditor", "demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theApiDescriptionAndTheHealthCheckNeedNoLogin() throws Exception {
        // not mapped in this slice: a 404 rather than a 401 shows that security let the request through
        mvc.perform(get("/v3/api-docs")).andExpect(status().isNotFound());
        mvc.perform(get("/v3/api-docs/swagger-config")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/health")).andExpect(status().isNotFound());
    }

    @Test
    void theApiKeepsNoSession() throws Exception {
        MvcResult result = mvc.perform(get("/api/stub/read").with(httpBasic("rep", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
    }

    @Test
    void theDemoUsersHaveOneRoleEach() {
        assertThat(users.loadUserByUsername("rep2").getAuthorities()).map(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_REP");
        assertThat(users.loadUserByUsername("auditor").getAuthorities()).map(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_AUDITOR");
        assertThat(users.loadUserByUsername("admin").getAuthorities()).map(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_ADMIN");
    }

    @Test
    void demoPasswordsAreCheapBcryptHashesThatALoginDoesNotUpgrade() throws Exception {
        mvc.perform(get("/api/stub/read").with(httpBasic("analyst", "demo"))).andExpect(status().isOk());
        // cost 4: a Basic login per request stays near a millisecond; an "upgrade" to cost 10 would cost ~60x that
        assertThat(users.loadUserByUsername("analyst").getPassword()).startsWith("{bcrypt}$2a$04$");
    }

    @Test
    void aRefusedPostByAnAnalystNamesTheRoleEvenWithARequestBody() throws Exception {
        mvc.perform(post("/api/stub/deals").with(httpBasic("analyst", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Acme\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("ANALYST")));
    }
}

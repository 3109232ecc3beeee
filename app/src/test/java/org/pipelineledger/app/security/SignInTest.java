package org.pipelineledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pipelineledger.app.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A browser signs in once with the form and then works with its session cookie; API clients keep HTTP Basic. */
@WebSlice
class SignInTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Test
    void aPageVisitedSignedOutLeadsToTheSignInFormAndBackToThePage() throws Exception {
        MvcResult visit = mvc.perform(get("/").accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("http://localhost/login"))
                .andReturn();
        MockHttpSession session = (MockHttpSession) visit.getRequest().getSession(false);

        mvc.perform(post("/login").session(session).with(csrf()).param("username", "manager").param("password", "demo"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("http://localhost/?continue"));
    }

    @Test
    void anApiCallSignedOutIsAProblemNotARedirect() throws Exception {
        mvc.perform(get("/api/stub/read").accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void theSignInFormCarriesTheSessionsCsrfTokenAndIsRefusedWithoutIt() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\" value=\"")))
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY));

        mvc.perform(post("/login").param("username", "manager").param("password", "demo"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aWrongPasswordReturnsToTheFormWithAMessage() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "manager").param("password", "not-demo"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(containsString("The user name or password is not valid.")));
    }

    @Test
    void aSignedInSessionReadsWithoutAPasswordAndChangesOnlyWithItsCsrfToken() throws Exception {
        MockHttpSession session = signIn("rep");

        mvc.perform(get("/api/stub/read").session(session))
                .andExpect(status().isOk());
        mvc.perform(post("/api/stub/write").session(session))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("ACCESS_DENIED"))
                .andExpect(jsonPath("$.detail").value(containsString("CSRF token")));

        JsonNode me = json.readTree(mvc.perform(get("/api/session").session(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user").value("rep"))
                .andExpect(jsonPath("$.roles[0]").value("REP"))
                .andReturn().getResponse().getContentAsString());
        mvc.perform(post("/api/stub/write").session(session)
                        .header(me.get("csrfHeader").asText(), me.get("csrfToken").asText()))
                .andExpect(status().isOk());
    }

    @Test
    void aReadOnlyRoleSignedInIsRefusedAChangeEvenWithTheToken() throws Exception {
        MockHttpSession session = signIn("analyst");
        mvc.perform(post("/api/stub/write").session(session).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("ANALYST")));
    }

    @Test
    void basicClientsNeedNoTokenAndGetNoneFromTheSessionEndpoint() throws Exception {
        mvc.perform(post("/api/stub/write").with(httpBasic("rep", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"));
        mvc.perform(get("/api/session").with(httpBasic("auditor", "demo")))
                .andExpect(jsonPath("$.user").value("auditor"))
                .andExpect(jsonPath("$.csrfToken").doesNotExist());
    }

    @Test
    void aBasicRequestNeedsNoTokenEvenWhenItAlsoCarriesASession() throws Exception {
        MockHttpSession session = signIn("manager");
        mvc.perform(post("/api/stub/write").session(session).with(httpBasic("rep", "demo")))
                .andExpect(status().isOk());
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        MockHttpSession session = signIn("manager");
        mvc.perform(post("/logout").session(session).with(csrf()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login?signedOut"));
        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get("/login").param("signedOut", ""))
                .andExpect(content().string(containsString("You are signed out.")))
                .andExpect(content().string(not(containsString("not valid"))));
    }

    @Test
    void signingOutNeedsTheToken() throws Exception {
        MockHttpSession session = signIn("manager");
        mvc.perform(post("/logout").session(session))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/stub/read").session(session))
                .andExpect(status().isOk());
    }

    private MockHttpSession signIn(String user) throws Exception {
        MvcResult result = mvc.perform(post("/login").with(csrf()).param("username", user).param("password", "demo"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/"))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}

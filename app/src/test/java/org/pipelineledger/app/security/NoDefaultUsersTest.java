package org.pipelineledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pipelineledger.app.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Any profile but embedded: no demo users, and no user invented by Spring Boot either. */
@WebSlice
@ActiveProfiles("test")
class NoDefaultUsersTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @ParameterizedTest(name = "{0} cannot log in")
    @ValueSource(strings = {"rep", "manager", "admin"})
    void theDemoUsersDoNotExist(String user) throws Exception {
        mvc.perform(get("/api/stub/read").with(httpBasic(user, "demo")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"pipeline-ledger\""))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void theOnlyUserSourceIsTheConfiguredOneAndItIsEmpty() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).containsExactly("configuredUsers");
        UserDetailsService users = context.getBean(UserDetailsService.class);
        // "user" is the name Spring Boot gives its generated-password default user
        for (String name : new String[] {"user", "rep", "admin"}) {
            assertThatThrownBy(() -> users.loadUserByUsername(name)).isInstanceOf(UsernameNotFoundException.class);
        }
    }
}

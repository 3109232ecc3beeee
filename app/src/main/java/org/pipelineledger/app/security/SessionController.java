package org.pipelineledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in, for the browser pages: the user, the roles (so a page offers only what the API would allow) and,
 * for a session, the CSRF token its changes must carry in {@code csrfHeader}.
 */
@RestController
class SessionController {

    /** The caller; {@code csrfHeader} and {@code csrfToken} are absent for HTTP Basic, which needs none. */
    record Session(String user, List<String> roles, String csrfHeader, String csrfToken) {
    }

    @GetMapping(path = "/api/session", produces = MediaType.APPLICATION_JSON_VALUE)
    Session session(Authentication authentication, HttpServletRequest request) {
        List<String> roles = LedgerRole.of(authentication);
        if (SecurityConfiguration.sentBasic(request)) {
            return new Session(authentication.getName(), roles, null, null);
        }
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new Session(authentication.getName(), roles, csrf.getHeaderName(), csrf.getToken());
    }
}

package org.pipelineledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in form. Written here rather than as a static page because it carries the session's CSRF token; Spring
 * Security's generated page would work too, but with inline styles the content security policy refuses.
 */
@Controller
class SignInPage {

    @GetMapping(path = SecurityConfiguration.SIGN_IN, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String signIn(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String message = request.getParameter("error") != null
                ? "<p class=\"problem\" role=\"alert\">The user name or password is not valid.</p>"
                : request.getParameter("signedOut") != null ? "<p class=\"notice\" role=\"status\">You are signed out.</p>"
                : "";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in · Pipeline Ledger</title>
                <link rel="stylesheet" href="/assets/signin.css">
                </head>
                <body>
                <main>
                <h1>Pipeline Ledger</h1>
                %s
                <form method="post" action="/login">
                <label for="username">User name</label>
                <input id="username" name="username" autocomplete="username" required autofocus>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <input type="hidden" name="%s" value="%s">
                <button type="submit">Sign in</button>
                </form>
                </main>
                </body>
                </html>
                """.formatted(message, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
    }
}

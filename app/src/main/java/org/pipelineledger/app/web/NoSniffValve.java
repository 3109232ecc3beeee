package org.pipelineledger.app.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * {@code X-Content-Type-Options: nosniff} on every response the container sends. Spring Security writes it only
 * for requests that get past its firewall into its filter chain; this valve runs first, on the engine, so the
 * answers of Tomcat itself (the problem valve), of the firewall and of the body limit carry it
 * too. Spring Security sees it set and does not add it a second time.
 */
final class NoSniffValve extends ValveBase {

    NoSniffValve() {
        // a valve that did not declare async support would switch it off for the whole pipeline
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        getNext().invoke(request, response);
    }
}

package org.pipelineledger.app.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request the ledger's body limit ({@link RequestBodyLimitFilter#MAX_BODY_BYTES}) does not apply to. An endpoint
 * that takes larger bodies, such as a file import, declares one as a bean and bounds its own bodies (for multipart,
 * {@code spring.servlet.multipart.max-request-size}):
 *
 * <pre>
 * &#64;Bean
 * BodyLimitExemption importUploads() {
 *     return request -&gt; "/api/imports".equals(request.getServletPath())
 *             &amp;&amp; request.getContentType() != null &amp;&amp; request.getContentType().startsWith("multipart/");
 * }
 * </pre>
 *
 * Match the decoded, normalised path ({@code getServletPath()}), never the raw {@code getRequestURI()}, or a path
 * spelled differently could claim another endpoint's exemption. The check runs before authentication.
 */
@FunctionalInterface
public interface BodyLimitExemption {

    /** True if this request may send a body of any size. */
    boolean exempts(HttpServletRequest request);
}

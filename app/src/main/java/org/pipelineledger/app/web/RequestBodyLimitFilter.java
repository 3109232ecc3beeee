package org.pipelineledger.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.pipelineledger.app.problem.Problems;
import org.pipelineledger.command.web.BufferedBodyRequest;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@link #MAX_BODY_BYTES} with 413 {@code PAYLOAD_TOO_LARGE}, before anything
 * reads it. A declared Content-Length is checked up front and such a body is never read; a body of unknown length
 * (chunked) is read here, up to one byte past the limit, and handed on from memory. Requests that a
 * {@link BodyLimitExemption} bean names pass untouched.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    /**
     * 64 KiB. The largest command carries two free-text fields of at most 4,000 characters; even written entirely as
     * JSON escapes (six bytes a character) they take 48,000 bytes, and all other fields together less than one
     * kilobyte. Not a property: a larger body could only fail the commands' own size validation.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper objectMapper;
    private final List<BodyLimitExemption> exemptions;

    RequestBodyLimitFilter(ObjectMapper objectMapper, List<BodyLimitExemption> exemptions) {
        this.objectMapper = objectMapper;
        this.exemptions = List.copyOf(exemptions);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (exemptions.stream().anyMatch(exemption -> exemption.exempts(request))) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            refuse(request, response);
            return;
        }
        // HTTP/1.1 has a body without a Content-Length only when it is sent with a Transfer-Encoding
        if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                refuse(request, response);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problems.write(Problems.of(ProblemCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than the " + MAX_BODY_BYTES / 1024 + " KiB this API reads."),
                request, response, objectMapper);
    }
}

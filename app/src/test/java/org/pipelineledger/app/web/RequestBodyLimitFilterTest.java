package org.pipelineledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The body limit on its own: what it refuses, what it reads, what it leaves alone. */
class RequestBodyLimitFilterTest {

    private static final int LIMIT = RequestBodyLimitFilter.MAX_BODY_BYTES;

    private final ObjectMapper objectMapper = Jackson2ObjectMapperBuilder.json().build();
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain chain = new MockFilterChain();

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/opportunities");
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }

    /** A request that says it is sending a body of this length, and fails the test if anyone reads it. */
    private static MockHttpServletRequest promising(long length) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/opportunities") {
            @Override
            public long getContentLengthLong() {
                return length;
            }

            @Override
            public ServletInputStream getInputStream() {
                throw new AssertionError("a body over the limit was read");
            }
        };
        request.setContentType("application/json");
        return request;
    }

    /** A body sent in chunks: no length is known before it is read. */
    private static MockHttpServletRequest chunked(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/opportunities") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContentType("application/json");
        request.setContent(body);
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }

    private static byte[] bytes(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        return body;
    }

    private void filter(MockHttpServletRequest request, BodyLimitExemption... exemptions) throws Exception {
        new RequestBodyLimitFilter(objectMapper, List.of(exemptions)).doFilter(request, response, chain);
    }

    private void assertRefused() throws Exception {
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        String body = response.getContentAsString();
        assertThat(JsonPath.<String>read(body, "$.code")).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(JsonPath.<String>read(body, "$.detail"))
                .isEqualTo("The request body is larger than the 64 KiB this API reads.");
        assertThat(chain.getRequest()).as("passed on").isNull();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
        filter(promising(LIMIT + 1));

        assertRefused();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws Exception {
        filter(chunked(bytes(LIMIT + 1)));

        assertRefused();
    }

    @Test
    void aChunkedBodyAtTheLimitIsPassedOnWhole() throws Exception {
        byte[] body = bytes(LIMIT);
        body[0] = '{';
        body[LIMIT - 1] = '}';

        filter(chunked(body));

        ServletRequest passed = chain.getRequest();
        assertThat(passed).isNotNull();
        assertThat(passed.getInputStream().readAllBytes()).isEqualTo(body);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyCanBeReadAsText() throws Exception {
        MockHttpServletRequest request = chunked("{\"text\": \"Grüße\"}".getBytes(StandardCharsets.UTF_8));
        request.setCharacterEncoding("UTF-8");

        filter(request);

        assertThat(chain.getRequest().getReader().readLine()).isEqualTo("{\"text\": \"Grüße\"}");
    }

    @Test
    void aDeclaredLengthAtTheLimitIsPassedOnUnread() throws Exception {
        MockHttpServletRequest request = post(bytes(LIMIT));

        filter(request);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void aRequestWithoutABodyIsPassedOn() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/board");

        filter(request);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void anExemptedRequestIsPassedOnWhateverItsSize() throws Exception {
        MockHttpServletRequest request = promising(10L * LIMIT);
        request.setServletPath("/api/imports");

        filter(request, candidate -> "/api/imports".equals(candidate.getServletPath()));

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void anExemptionForAnotherPathDoesNotLiftTheLimit() throws Exception {
        MockHttpServletRequest request = promising(LIMIT + 1);
        request.setServletPath("/api/opportunities");

        filter(request, candidate -> "/api/imports".equals(candidate.getServletPath()));

        assertRefused();
    }
}

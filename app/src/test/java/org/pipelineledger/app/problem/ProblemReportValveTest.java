package org.pipelineledger.app.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.http.ProblemDetail;

/**
 * The container's refusals that the socket tests cannot provoke: a failure inside Tomcat and statuses it gives
 * rarely. Their problems reveal nothing and still carry a code.
 */
class ProblemReportValveTest {

    @Test
    void aFailureInsideTheContainerIsAnInternalErrorThatRevealsNothing() {
        ProblemDetail problem = ProblemReportValve.refusal(500, "NullPointerException at Http11Processor",
                new IllegalStateException("connection pool exhausted at db-3.internal"), "GET", "8 KB");

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(Problems.codeOf(problem)).isEqualTo("INTERNAL_ERROR");
        assertThat(problem.getDetail()).isEqualTo(Problems.UNEXPECTED);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "503 | SERVICE_UNAVAILABLE | The request was rejected: 503 Service Unavailable.",
            "404 | NOT_FOUND           | The request was rejected: 404 Not Found.",
            "499 | BAD_REQUEST         | The request was rejected: 499."})
    void anyOtherStatusGetsTheCatalogueCodeForItAndSaysNoMore(int status, String code, String detail) {
        ProblemDetail problem = ProblemReportValve.refusal(status, "Tomcat's own words", null, "GET", "8 KB");

        assertThat(problem.getStatus()).isEqualTo(ProblemCode.valueOf(code).status());
        assertThat(Problems.codeOf(problem)).isEqualTo(code);
        assertThat(problem.getDetail()).isEqualTo(detail);
    }

    @Test
    void aBadRequestForAReasonTomcatDoesNotNameIsABadRequest() {
        ProblemDetail problem = ProblemReportValve.refusal(400, null,
                new IllegalArgumentException("The HTTP header line [Bad Header: x] does not conform to RFC 7230"),
                "GET", "8 KB");

        assertThat(Problems.codeOf(problem)).isEqualTo("BAD_REQUEST");
        assertThat(problem.getDetail()).doesNotContain("Bad Header", "RFC");
    }
}

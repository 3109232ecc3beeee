package org.pipelineledger.app.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** What the firewall refuses, as problems; the refusal still marks the request's observation as failed. */
class ProblemRequestRejectedHandlerTest {

    private final ObjectMapper objectMapper = Jackson2ObjectMapperBuilder.json().build();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/board");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    private String refuse(RequestRejectedHandler handler, String reason) throws Exception {
        handler.handle(request, response, new RequestRejectedException(reason));
        assertThat(response.getContentType()).startsWith("application/problem+json");
        return response.getContentAsString();
    }

    @Test
    void aHeaderOrParameterTheFirewallRefusesIsABadRequestThatDoesNotQuoteIt() throws Exception {
        String body = refuse(new ProblemRequestRejectedHandler(objectMapper),
                "The request was rejected because the header value \"\u0085\" is not allowed.");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(JsonPath.<String>read(body, "$.code")).isEqualTo("BAD_REQUEST");
        assertThat(JsonPath.<String>read(body, "$.detail")).doesNotContain("\u0085", "header value");
    }

    @Test
    void aRefusalMarksTheRequestsObservationAsFailed() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onError(Observation.Context context) {
                errors.add(context.getError());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("observationRegistry", registry);
        ObjectProvider<ObservationRegistry> observations = beans.getBeanProvider(ObservationRegistry.class);
        RequestRejectedHandler handler = new ContainerProblemsConfiguration()
                .problemRequestRejectedHandler(objectMapper, observations);

        Observation observation = Observation.start("http.server.requests", registry);
        try (Observation.Scope ignored = observation.openScope()) {
            refuse(handler, "The request was rejected because the URL was not normalized.");
        } finally {
            observation.stop();
        }

        assertThat(errors).singleElement().isInstanceOf(RequestRejectedException.class);
        assertThat(JsonPath.<String>read(response.getContentAsString(), "$.code")).isEqualTo("INVALID_PATH");
    }
}

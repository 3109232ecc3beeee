package org.pipelineledger.app.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pipelineledger.app.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebSlice
class ProblemDetailsTest {

    @Autowired
    MockMvc mvc;

    private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(httpBasic("manager", "demo")));
    }

    private ResultActions postJson(String json) throws Exception {
        return perform(post("/api/stub/deals").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static ResultActions isProblem(ResultActions result, int status, String code) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.type").value(startsWith(Problems.TYPE_PREFIX)))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void aValidRequestIsAnsweredNormally() throws Exception {
        postJson("""
                {"name": "Acme renewal", "outlook": "POSITIVE", "closeDate": "2025-06-30", "amount": 1200}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Acme renewal"));
    }

    @ParameterizedTest(name = "a ledger refusal {0} answers {1}")
    @CsvSource({"UNKNOWN_STAGE, 400", "NOT_DEAL_OWNER, 403", "OPPORTUNITY_NOT_FOUND, 404", "ALREADY_IN_STAGE, 409",
            "NEGATIVE_AMOUNT, 422"})
    void aLedgerRefusalKeepsItsCodeAndGetsTheStatusTheCatalogueGivesIt(String code, int status) throws Exception {
        isProblem(perform(post("/api/stub/refusals/" + code)), status, code)
                .andExpect(jsonPath("$.detail").value("Refused as " + code.toLowerCase() + "."))
                .andExpect(jsonPath("$.instance").value("/api/stub/refusals/" + code));
    }

    @Test
    void theRequestIdTheClientSentComesBackOnTheProblem() throws Exception {
        isProblem(perform(post("/api/stub/refusals/OPPORTUNITY_CLOSED").header("X-Request-Id", "req-42")), 409, "OPPORTUNITY_CLOSED")
                .andExpect(jsonPath("$.requestId").value("req-42"));
    }

    @Test
    void aProblemWithoutARequestIdHasNoRequestIdProperty() throws Exception {
        isProblem(perform(post("/api/stub/refusals/OPPORTUNITY_CLOSED")), 409, "OPPORTUNITY_CLOSED")
                .andExpect(jsonPath("$.requestId").doesNotExist());
    }

    @Test
    void aRequestIdGeneratedForTheResponseComesBackWhenTheClientSentNone() throws Exception {
        isProblem(perform(post("/api/stub/generated-request-id")), 409, "OPPORTUNITY_CLOSED")
                .andExpect(jsonPath("$.requestId").value("generated-1"));
    }

    @Test
    void aRequestIdThatCouldNotBeAnIdIsNotEchoed() throws Exception {
        isProblem(perform(post("/api/stub/refusals/OPPORTUNITY_CLOSED").header("X-Request-Id", "<script> alert")), 409,
                "OPPORTUNITY_CLOSED")
                .andExpect(jsonPath("$.requestId").doesNotExist());
    }

    @Test
    void theTitleAndTypeFollowFromTheCode() throws Exception {
        perform(post("/api/stub/refusals/NEGATIVE_AMOUNT"))
                .andExpect(jsonPath("$.title").value("Negative amount"))
                .andExpect(jsonPath("$.type").value(Problems.TYPE_PREFIX + "negative-amount"));
    }

    @Test
    void invalidJsonIsAMalformedRequestThatSaysWhere() throws Exception {
        isProblem(postJson("{\"name\": \"Acme\",, }"), 400, "MALFORMED_REQUEST")
                .andExpect(jsonPath("$.detail").value(containsString("not valid JSON")))
                .andExpect(jsonPath("$.detail").value(containsString("line 1")));
    }

    @Test
    void anUnknownEnumValueIsAMalformedRequestListingTheAllowedValues() throws Exception {
        isProblem(postJson("{\"name\": \"Acme\", \"outlook\": \"SUNNY\"}"), 400, "MALFORMED_REQUEST")
                .andExpect(jsonPath("$.field").value("outlook"))
                .andExpect(jsonPath("$.detail").value(
                        "Field 'outlook' must be one of POSITIVE, NEUTRAL, CAUTIOUS, NEGATIVE; got 'SUNNY'."));
    }

    @Test
    void aDateThatIsNotADateIsAMalformedRequestNamingTheField() throws Exception {
        isProblem(postJson("{\"name\": \"Acme\", \"outlook\": \"NEUTRAL\", \"closeDate\": \"2025-13-45\"}"),
                400, "MALFORMED_REQUEST")
                .andExpect(jsonPath("$.field").value("closeDate"))
                .andExpect(jsonPath("$.detail").value(containsString("a date (yyyy-MM-dd)")));
    }

    @Test
    void aWrongTypeInsideAListNamesThePathToIt() throws Exception {
        isProblem(postJson("""
                {"name": "Acme", "outlook": "NEUTRAL", "lines": [{"amount": 1}, {"amount": "lots"}]}"""),
                400, "MALFORMED_REQUEST")
                .andExpect(jsonPath("$.field").value("lines[1].amount"))
                .andExpect(jsonPath("$.detail").value("Field 'lines[1].amount' must be a number; got 'lots'."));
    }

    @Test
    void anObjectWhereAValueBelongsIsAMalformedRequest() throws Exception {
        isProblem(postJson("{\"name\": {\"first\": \"Acme\"}, \"outlook\": \"NEUTRAL\"}"), 400, "MALFORMED_REQUEST")
                .andExpect(jsonPath("$.field").value("name"))
                .andExpect(jsonPath("$.detail").value("Field 'name' must be a string."));
    }

    @Test
    void aMissingBodyIsAMalformedRequest() throws Exception {
        isProblem(perform(post("/api/stub/deals").contentType(MediaType.APPLICATION_JSON)), 400, "MALFORMED_REQUEST")
                .andExpect(jsonPath("$.detail").value("The request body is missing."));
    }

    @Test
    void beanValidationFailuresListEveryInvalidField() throws Exception {
        isProblem(postJson("{\"name\": \" \", \"amount\": -5}"), 400, "VALIDATION_FAILED")
                .andExpect(jsonPath("$.errors", hasSize(3)))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value("must not be blank"))
                .andExpect(jsonPath("$.errors[?(@.field == 'outlook')].message").value("must not be null"))
                .andExpect(jsonPath("$.errors[?(@.field == 'amount')].message").isNotEmpty());
    }

    @Test
    void aParameterOfTheWrongTypeIsAnInvalidParameter() throws Exception {
        isProblem(perform(get("/api/stub/report").param("from", "yesterday")), 400, "INVALID_PARAMETER")
                .andExpect(jsonPath("$.parameter").value("from"))
                .andExpect(jsonPath("$.detail")
                        .value("Parameter 'from' must be a date (yyyy-MM-dd); got 'yesterday'."));
    }

    @Test
    void aMissingParameterIsAnInvalidParameter() throws Exception {
        isProblem(perform(get("/api/stub/report")), 400, "INVALID_PARAMETER")
                .andExpect(jsonPath("$.detail").value(containsString("from")));
    }

    @Test
    void anIdThatBreaksTheIdRulesIsAnInvalidParameterThatQuotesTheRule() throws Exception {
        isProblem(perform(get("/api/stub/deals/-starts-with-dash")), 400, "INVALID_PARAMETER")
                .andExpect(jsonPath("$.detail").value(containsString("opportunity id must be")));
    }

    /** Input is refused where it is read (as UNKNOWN_STAGE, INVALID_PARAMETER, ...); what escapes is a bug. */
    @Test
    void anIllegalArgumentEscapingAHandlerIsAnInternalErrorThatRevealsNothing() throws Exception {
        isProblem(perform(get("/api/stub/stages/not-a-stage")), 500, "INTERNAL_ERROR")
                .andExpect(jsonPath("$.detail").value(not(containsString("stage key"))));
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        isProblem(perform(get("/api/no-such-thing")), 404, "NOT_FOUND")
                .andExpect(jsonPath("$.detail").value("There is no endpoint GET /api/no-such-thing."))
                .andExpect(jsonPath("$.instance").value("/api/no-such-thing"));
    }

    @Test
    void aMethodTheEndpointDoesNotSupportIsMethodNotAllowed() throws Exception {
        isProblem(perform(delete("/api/stub/read")), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
        isProblem(perform(post("/api/stub/deals").contentType(MediaType.TEXT_PLAIN).content("Acme")),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aProblemIsJsonEvenWhenTheClientAskedForSomethingElse() throws Exception {
        isProblem(perform(post("/api/stub/refusals/OPPORTUNITY_CLOSED").accept(MediaType.TEXT_HTML)), 409, "OPPORTUNITY_CLOSED");
    }

    /** Axon's own exceptions are translated where commands are sent (OpportunityCommandSender), not here. */
    @ParameterizedTest(name = "a refusal Axon wraps ({0}) is answered as {1} {2}")
    @CsvSource({
            "wrapped-command, 409, OPPORTUNITY_CLOSED",
            "wrapped-query,   404, OPPORTUNITY_NOT_FOUND",
            "wrapped-unknown, 500, INTERNAL_ERROR"})
    void aRefusalThatAxonWrapsKeepsItsCode(String failure, int status, String code) throws Exception {
        isProblem(perform(get("/api/stub/axon/" + failure)), status, code);
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorThatRevealsNothing() throws Exception {
        isProblem(perform(get("/api/stub/boom").header("X-Request-Id", "req-7")), 500, "INTERNAL_ERROR")
                .andExpect(jsonPath("$.detail").value(not(containsString("hunter2"))))
                .andExpect(jsonPath("$.detail").value(not(containsString("IllegalState"))))
                .andExpect(jsonPath("$.requestId").value("req-7"));
    }
}

package org.pipelineledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The command API over HTTP (MockMvc, HTTP Basic), down to the events it stores. */
@SpringBootTest
@AutoConfigureMockMvc
class OpportunityCommandApiTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private EventStore eventStore;

    private final String id = "api-" + UUID.randomUUID();

    private static MockHttpServletRequestBuilder as(String user, String path, String json) {
        return post(path).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    private ResultActions createAs(String user, String json) throws Exception {
        return mvc.perform(as(user, "/api/opportunities", json));
    }

    private ResultActions create() throws Exception {
        return createAs("rep", """
                {"id": "%s", "name": "Acme renewal", "account": "Acme", "amount": 50000, "closeDate": "2025-12-31"}
                """.formatted(id));
    }

    private ResultActions change(String user, String action, String json) throws Exception {
        return mvc.perform(as(user, "/api/opportunities/" + id + "/" + action, json));
    }

    private List<? extends DomainEventMessage<?>> stored() {
        return eventStore.readEvents(id).asStream().toList();
    }

    private static void accepted(ResultActions result, String id, long version) throws Exception {
        result.andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.version").value(version));
    }

    private static void refused(ResultActions result, int status, String code) throws Exception {
        result.andExpect(status().is(status)).andExpect(jsonPath("$.code").value(code));
    }

    @Test
    void creatingADealAnswers201WithItsLocationIdAndVersionZero() throws Exception {
        create().andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/opportunities/" + id))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.version").value(0));
    }

    @Test
    void aDealCreatedWithoutAnIdGetsAGeneratedOne() throws Exception {
        createAs("rep", """
                {"name": "Acme renewal", "account": "Acme", "amount": 50000, "closeDate": "2025-12-31"}
                """)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(matchesPattern("[0-9a-f-]{36}")))
                .andExpect(header().string("Location", matchesPattern("/api/opportunities/[0-9a-f-]{36}")));
    }

    @Test
    void everyDecisionEndpointAnswersWithTheDealsNewVersion() throws Exception {
        create();
        accepted(change("rep", "stage", """
                {"stage": "PROPOSAL", "expectedVersion": 0}"""), id, 1);
        accepted(change("rep", "stage", """
                {"stage": "QUALIFIED", "reason": "BUDGET", "note": "budget frozen"}"""), id, 2);
        accepted(change("rep", "close-date", """
                {"closeDate": "2026-02-15", "reason": "legal review"}"""), id, 3);
        accepted(change("rep", "outlook", """
                {"outlook": "CAUTIOUS", "note": "champion left"}"""), id, 4);
        accepted(change("rep", "amount", """
                {"amount": 42000.50, "reason": "fewer seats"}"""), id, 5);
        accepted(change("rep", "next-step", """
                {"description": "call the new champion", "dueDate": "2025-09-05"}"""), id, 6);
        accepted(change("rep", "notes", """
                {"text": "left a voicemail"}"""), id, 7);
        accepted(change("manager", "owner", """
                {"owner": "rep2"}"""), id, 8);
        accepted(change("rep2", "won", """
                {"note": "signed"}"""), id, 9);
        accepted(change("rep2", "reopen", """
                {"stage": "NEGOTIATION", "note": "PO rejected"}"""), id, 10);
        accepted(change("rep2", "lost", """
                {"reason": "no budget", "note": "maybe next year", "expectedVersion": 10}"""), id, 11);

        assertThat(stored()).hasSize(12);
    }

    @Test
    void theRequestIdIsEchoedAndRecordedWithTheCallersCorrelationId() throws Exception {
        create();
        mvc.perform(as("rep", "/api/opportunities/" + id + "/notes", """
                        {"text": "hello"}""")
                        .header("X-Request-Id", "req-42").header("X-Correlation-Id", "import-7"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Request-Id", "req-42"));

        MetaData metaData = stored().get(1).getMetaData();
        assertThat(metaData).containsEntry("actor", "rep")
                .containsEntry("requestId", "req-42")
                .containsEntry("correlationId", "import-7");
    }

    @Test
    void withoutHeadersTheGeneratedRequestIdIsAlsoTheCorrelationId() throws Exception {
        String requestId = create().andReturn().getResponse().getHeader("X-Request-Id");

        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(stored().get(0).getMetaData())
                .containsEntry("requestId", requestId)
                .containsEntry("correlationId", requestId);
    }

    @Test
    void aMalformedRequestIdHeaderIsRefused() throws Exception {
        refused(mvc.perform(as("rep", "/api/opportunities", "{}").header("X-Request-Id", "has spaces in it")),
                400, "INVALID_REQUEST_HEADER");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"account\": \"Acme\", \"amount\": 1, \"closeDate\": \"2025-12-31\"}",
        "{\"name\": \"Acme\", \"account\": \"Acme\", \"closeDate\": \"2025-12-31\"}",
        "{\"name\": \"Acme\", \"account\": \"Acme\", \"amount\": 1}",
        "{\"name\": \"Acme\", \"account\": \"Acme\", \"amount\": \"lots\", \"closeDate\": \"2025-12-31\"}",
        "{\"name\": \"Acme\", \"account\": \"Acme\", \"amount\": 1, \"closeDate\": \"31/12/2025\"}",
        "{\"name\": \"Acme\", \"account\": \"Acme\", \"amount\": 1, \"closeDate\": \"2025-12-31\", \"outlook\": \"SUNNY\"}",
        "{\"name\": \"Acme\", \"account\": \"Acme\", \"amount\": 1, \"closeDate\": \"2025-12-31\", \"occurredAt\": \"yesterday\"}",
        "{\"name\": \"Acme\", \"account\": ",
    })
    void aMalformedOrIncompleteCreationIsABadRequest(String json) throws Exception {
        createAs("rep", json).andExpect(status().isBadRequest());
    }

    @Test
    void aMalformedChangeIsABadRequestAndAppendsNothing() throws Exception {
        create();
        change("rep", "stage", "{}").andExpect(status().isBadRequest());
        change("rep", "stage", """
                {"stage": "QUALIFIED", "expectedVersion": -1}""").andExpect(status().isBadRequest());
        change("rep", "stage", """
                {"stage": "DISCOVERY", "reason": "BORED"}""").andExpect(status().isBadRequest());
        change("rep", "next-step", """
                {"description": "call"}""").andExpect(status().isBadRequest());
        change("rep", "notes", """
                {"text": "  "}""").andExpect(status().isBadRequest());
        refused(change("rep", "stage", """
                {"stage": "proposal"}"""), 400, "UNKNOWN_STAGE");
        refused(change("rep", "stage", """
                {"stage": "CONTRACT"}"""), 400, "UNKNOWN_STAGE");

        assertThat(stored()).hasSize(1);
    }

    @Test
    void aMalformedIdOnCreationIsABadRequest() throws Exception {
        refused(createAs("rep", """
                {"id": "not an id!", "name": "Acme", "account": "Acme", "amount": 1, "closeDate": "2025-12-31"}
                """), 400, "INVALID_OPPORTUNITY_ID");
    }

    @Test
    void anUnknownDealIsNotFound() throws Exception {
        refused(change("rep", "notes", """
                {"text": "hello?"}"""), 404, "OPPORTUNITY_NOT_FOUND");
        refused(mvc.perform(as("rep", "/api/opportunities/-not-an-id/notes", """
                {"text": "hello?"}""")), 404, "OPPORTUNITY_NOT_FOUND");
    }

    @Test
    void creatingATakenIdIsAConflict() throws Exception {
        create();
        refused(create(), 409, "OPPORTUNITY_EXISTS");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void aStaleExpectedVersionIsAConflictAndAppendsNothing() throws Exception {
        create();
        change("rep", "stage", """
                {"stage": "QUALIFIED"}""");
        refused(change("rep", "stage", """
                {"stage": "DISCOVERY", "expectedVersion": 0}"""), 409, "STALE_VERSION");
        refused(change("rep", "stage", """
                {"stage": "DISCOVERY", "expectedVersion": 7}"""), 409, "STALE_VERSION");
        assertThat(stored()).hasSize(2);
    }

    @Test
    void stateConflictsAndBrokenRulesKeepTheAggregatesCodes() throws Exception {
        create();
        refused(change("rep", "stage", """
                {"stage": "PROSPECTING"}"""), 409, "ALREADY_IN_STAGE");
        change("rep", "stage", """
                {"stage": "DISCOVERY"}""");
        refused(change("rep", "stage", """
                {"stage": "QUALIFIED", "note": "too early"}"""), 422, "REVERSION_REASON_REQUIRED");
        refused(change("rep", "stage", """
                {"stage": "QUALIFIED", "reason": "PREMATURE_ADVANCE"}"""), 422, "REVERSION_NOTE_REQUIRED");
        refused(change("rep", "lost", "{}"), 422, "LOSS_REASON_REQUIRED");
        refused(change("rep", "amount", """
                {"amount": -1}"""), 422, "NEGATIVE_AMOUNT");
        change("rep", "won", "{}");
        refused(change("rep", "notes", """
                {"text": "after the fact"}"""), 409, "OPPORTUNITY_CLOSED");
        refused(change("rep", "reopen", """
                {"stage": "PROPOSAL"}"""), 422, "REOPEN_NOTE_REQUIRED");

        assertThat(stored()).hasSize(3);
    }

    @Test
    void aRepCannotChangeAnotherRepsDealButAManagerCan() throws Exception {
        create();
        refused(change("rep2", "notes", """
                {"text": "mine now"}"""), 403, "NOT_DEAL_OWNER");
        refused(change("rep", "owner", """
                {"owner": "rep2"}"""), 403, "REASSIGN_NOT_ALLOWED");
        accepted(change("manager", "notes", """
                {"text": "checked in"}"""), id, 1);
    }

    @Test
    void aRepCannotOpenADealForAnotherRep() throws Exception {
        refused(createAs("rep", """
                {"name": "Acme", "account": "Acme", "owner": "rep2", "amount": 1, "closeDate": "2025-12-31"}
                """), 403, "NOT_DEAL_OWNER");
    }

    @Test
    void onlyAnAdminMayBackdateAndTheEventCarriesThatTime() throws Exception {
        createAs("admin", """
                {"id": "%s", "name": "Acme", "account": "Acme", "owner": "rep", "amount": 1,
                 "closeDate": "2025-12-31", "occurredAt": "2025-06-01T10:00:00Z"}""".formatted(id))
                .andExpect(status().isCreated());
        refused(change("rep", "notes", """
                {"text": "back then", "occurredAt": "2025-06-02T10:00:00Z"}"""), 403, "BACKDATING_NOT_ALLOWED");
        refused(change("manager", "notes", """
                {"text": "back then", "occurredAt": "2025-06-02T10:00:00Z"}"""), 403, "BACKDATING_NOT_ALLOWED");
        refused(change("admin", "notes", """
                {"text": "tomorrow", "occurredAt": "2030-01-01T00:00:00Z"}"""), 422, "OCCURRED_AT_IN_FUTURE");
        refused(change("admin", "notes", """
                {"text": "before it began", "occurredAt": "2025-05-01T00:00:00Z"}"""), 422,
                "OCCURRED_AT_BEFORE_PREVIOUS_EVENT");
        accepted(change("admin", "notes", """
                {"text": "back then", "occurredAt": "2025-06-02T10:00:00Z"}"""), id, 1);

        assertThat(stored()).extracting(event -> ((org.pipelineledger.events.OpportunityEvent) event.getPayload())
                        .occurredAt().toString())
                .containsExactly("2025-06-01T10:00:00Z", "2025-06-02T10:00:00Z");
        assertThat(stored().get(1).getMetaData()).containsEntry("actor", "admin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyst", "auditor"})
    void readOnlyRolesCannotIssueCommands(String user) throws Exception {
        refused(createAs(user, """
                {"id": "%s", "name": "Acme", "account": "Acme", "amount": 1, "closeDate": "2025-12-31"}
                """.formatted(id)), 403, "ACCESS_DENIED");
        assertThat(stored()).isEmpty();
    }

    @Test
    void anAnonymousCallerIsUnauthorized() throws Exception {
        mvc.perform(post("/api/opportunities").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
    }
}

package org.pipelineledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.pipelineledger.command.opportunity.ChangeAmount;
import org.pipelineledger.command.opportunity.OpportunityCommand;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;

/**
 * The command API refuses a value out of the ledger's bounds as invalid (400, naming the field, which the
 * application's problem handler lists under {@code errors}) before any command is sent; what is within the bounds the
 * API can check is sent on, for the aggregate to check against the deal's currency.
 */
@WebMvcTest(OpportunityCommandController.class)
class RequestBoundsTest {

    private static final String CREATE = "/api/opportunities";
    private static final String DEAL = "/api/opportunities/deal-1/";

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private OpportunityCommandSender sender;

    @BeforeEach
    void acceptEverything() {
        reset(sender);
        when(sender.send(any(), anyString(), anyString(), any())).thenAnswer(sent -> new OpportunityCommandSender.Accepted(
                sent.<OpportunityCommand>getArgument(0).opportunityId(), 1L));
    }

    private MvcResult request(String user, String path, String json) throws Exception {
        return mvc.perform(post(path).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(json)).andReturn();
    }

    /** A valid creation with one field set to {@code jsonValue} (replacing it if it is one of the required ones). */
    private static String creation(String field, String jsonValue) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "\"Acme renewal\"");
        fields.put("account", "\"Acme\"");
        fields.put("amount", "50000");
        fields.put("closeDate", "\"2025-12-31\"");
        fields.put(field, jsonValue);
        return fields.entrySet().stream().map(entry -> "\"" + entry.getKey() + "\": " + entry.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A 400 from validation naming exactly this field, and no command sent. */
    private void refusedNaming(MvcResult result, String field) {
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResolvedException()).isInstanceOf(MethodArgumentNotValidException.class);
        assertThat(((MethodArgumentNotValidException) result.getResolvedException()).getBindingResult()
                .getFieldErrors()).extracting(FieldError::getField).containsExactly(field);
        verifyNoInteractions(sender);
    }

    private void sentOn(MvcResult result) {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getErrorMessage()).isBetween(200, 201);
        verify(sender).send(any(), anyString(), anyString(), any());
    }

    @Test
    void aThousandDigitAmountIsRefusedAndNothingIsSent() throws Exception {
        refusedNaming(request("rep", DEAL + "amount", "{\"amount\": " + "9".repeat(1000) + "}"), "amount");
    }

    @ParameterizedTest(name = "an amount of {0} is refused")
    @ValueSource(strings = {"1e400", "1e-400", "-1e400", "1000000000000000", "0.00001", "1e2147483647"})
    void anAmountOutOfBoundsIsRefusedAndNothingIsSent(String amount) throws Exception {
        refusedNaming(request("rep", DEAL + "amount", "{\"amount\": " + amount + "}"), "amount");
        refusedNaming(request("rep", CREATE, creation("amount", amount)), "amount");
    }

    @Test
    void anAmountWithinTheBoundsOfSomeCurrencyIsLeftToTheAggregate() throws Exception {
        ArgumentCaptor<OpportunityCommand> sent = ArgumentCaptor.forClass(OpportunityCommand.class);

        sentOn(request("rep", DEAL + "amount", "{\"amount\": 999999999999999.9999}"));

        verify(sender).send(sent.capture(), anyString(), anyString(), any());
        assertThat(((ChangeAmount) sent.getValue()).amount()).isEqualByComparingTo("999999999999999.9999");
    }

    @Test
    void aNegativeAmountIsLeftToTheAggregatesOwnRule() throws Exception {
        sentOn(request("rep", DEAL + "amount", "{\"amount\": -1}"));
    }

    @ParameterizedTest(name = "a name with {0} is refused")
    @ValueSource(strings = {"\\u0000", "\\u202E", "\\t", "\\n", "\\u0085", "\\u2066", "\\u2028", "\\uD800",
            "\\uFFFF"})
    void aNameWithAControlBidiSeparatorSurrogateOrNoncharacterIsRefusedAndNothingIsSent(String escaped)
            throws Exception {
        refusedNaming(request("rep", CREATE, creation("name", "\"Acme " + escaped + "renewal\"")), "name");
    }

    @ParameterizedTest(name = "{0} with a right-to-left override is refused")
    @ValueSource(strings = {"account", "owner", "pipeline", "stage", "id"})
    void everyOneLineFieldOfACreationRefusesABidiOverride(String field) throws Exception {
        refusedNaming(request("manager", CREATE, creation(field, "\"abc\\u202Edef\"")), field);
    }

    @ParameterizedTest(name = "{1} of {0} with NUL is refused")
    @CsvSource({
        "stage, note, '\"stage\": \"QUALIFIED\", \"reason\": \"OTHER\"'",
        "close-date, reason, '\"closeDate\": \"2026-01-31\"'",
        "outlook, note, '\"outlook\": \"POSITIVE\"'",
        "amount, reason, '\"amount\": 1'",
        "next-step, description, '\"dueDate\": \"2026-01-31\"'",
        "notes, text, ",
        "won, note, ",
        "lost, reason, ",
        "lost, note, '\"reason\": \"no budget\"'",
        "reopen, note, '\"stage\": \"QUALIFIED\"'",
    })
    void everyFreeTextFieldRefusesNulAndNothingIsSent(String action, String field, String others)
            throws Exception {
        String json = "{" + (others == null ? "" : others + ", ") + "\"" + field + "\": \"called\\u0000\"}";
        refusedNaming(request("rep", DEAL + action, json), field);
    }

    @Test
    void freeTextMayHaveTabsAndLineBreaksInAnyScript() throws Exception {
        sentOn(request("rep", DEAL + "notes", "{\"text\": \"line\\tone\\r\\n\u05E9\u05DC\u05D5\u05DD \uD83D\uDE80\"}"));
    }

    @Test
    void aNewOwnerWithABidiOverrideIsRefused() throws Exception {
        refusedNaming(request("manager", DEAL + "owner", "{\"owner\": \"rep\\u202E2\"}"), "owner");
    }

    @Test
    void aTextOverItsLengthIsRefused() throws Exception {
        refusedNaming(request("rep", CREATE, creation("name", "\"" + "n".repeat(201) + "\"")), "name");
        refusedNaming(request("rep", DEAL + "notes", "{\"text\": \"" + "n".repeat(4001) + "\"}"), "text");
    }

    @ParameterizedTest(name = "a date of {0} is refused")
    @ValueSource(strings = {"1899-12-31", "+10000-01-01"})
    void aDateOutsideTheLedgersCalendarIsRefused(String date) throws Exception {
        refusedNaming(request("rep", DEAL + "close-date", "{\"closeDate\": \"" + date + "\"}"), "closeDate");
        refusedNaming(request("rep", DEAL + "next-step", "{\"description\": \"call\", \"dueDate\": \"" + date + "\"}"),
                "dueDate");
        refusedNaming(request("rep", CREATE, creation("closeDate", "\"" + date + "\"")), "closeDate");
    }

    @Test
    void aBusinessTimeBefore1900IsRefused() throws Exception {
        refusedNaming(request("admin", DEAL + "notes", "{\"text\": \"then\", \"occurredAt\": \"1899-12-31T23:59:59Z\"}"),
                "occurredAt");
    }

    @Test
    void theEdgesOfEveryBoundAreSentOn() throws Exception {
        sentOn(request("admin", CREATE, """
                {"name": "%s", "account": "%s", "owner": "%s", "amount": 999999999999999.99,
                 "closeDate": "9999-12-31", "occurredAt": "1900-01-01T00:00:00Z"}"""
                .formatted("n".repeat(200), "a".repeat(200), "o".repeat(200))));
    }
}

package org.pipelineledger.app.problem;

import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pipelineledger.app.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The web API reads JSON strictly: what Jackson would silently drop, truncate or guess at is a 400
 * {@code MALFORMED_REQUEST} that names the field, in the ledger's words rather than Jackson's.
 */
@WebSlice
class StrictJsonTest {

    private static final String LONG_RANGE = "a whole number from -9223372036854775808 to 9223372036854775807";
    private static final String DIGITS_1001 = "9".repeat(1001);

    /** Jackson's feature and constraint names, its backquoted type names and Java's own type names. */
    private static final String JACKSON_WORDS =
            "(?is).*(jackson|feature|constraint|coercion|java\\.|`|\\blong\\b|\\bint\\b|\\binteger\\b|token).*";

    @Autowired
    MockMvc mvc;

    private ResultActions post(String json) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/stub/strict")
                .contentType(MediaType.APPLICATION_JSON).content(json)
                .with(httpBasic("manager", "demo")));
    }

    private ResultActions malformed(String json, String field) throws Exception {
        ResultActions result = post(json).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"))
                .andExpect(jsonPath("$.detail").value(not(matchesPattern(JACKSON_WORDS))));
        return field == null ? result.andExpect(jsonPath("$.field").doesNotExist())
                : result.andExpect(jsonPath("$.field").value(field));
    }

    @Test
    void aBodyOfKnownFieldsIsRead() throws Exception {
        post("""
                {"text": "a", "expectedVersion": 3, "amount": 12.5, "outlook": "NEUTRAL",
                 "items": [{"count": 1, "label": "x"}]}""")
                .andExpect(status().isOk())
                .andExpect(content().string("accepted"));
    }

    @Test
    void anUnknownFieldIsRefusedNamingItAndTheFieldsThereAre() throws Exception {
        malformed("{\"text\": \"x\", \"bogus\": 1}", "bogus")
                .andExpect(jsonPath("$.detail").value(
                        "Field 'bogus' is not known here; the fields are amount, expectedVersion, items, outlook, text."));
    }

    @Test
    void anUnknownFieldInsideAListIsNamedByItsPath() throws Exception {
        malformed("{\"items\": [{\"count\": 1}, {\"count\": 2, \"colour\": \"red\"}]}", "items[1].colour")
                .andExpect(jsonPath("$.detail").value(
                        "Field 'items[1].colour' is not known here; the fields are count, label."));
    }

    @Test
    void aRepeatedFieldIsRefusedRatherThanTheLastOneWinning() throws Exception {
        malformed("{\"text\": \"a\", \"text\": \"b\"}", "text")
                .andExpect(jsonPath("$.detail").value("Field 'text' appears more than once; give every field once."));
    }

    @Test
    void aRepeatedFieldInsideAListIsNamedByItsPath() throws Exception {
        malformed("{\"items\": [{\"count\": 1}, {\"count\": 1, \"count\": 2}]}", "items[1].count");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "expectedVersion | NaN",
            "expectedVersion | Infinity",
            "amount          | -Infinity",
            "amount          | NaN"})
    void notANumberAndInfinityAreRefusedNamingTheField(String field, String value) throws Exception {
        malformed("{\"" + field + "\": " + value + "}", field)
                .andExpect(jsonPath("$.detail").value(
                        "Field '" + field + "' must be a number; NaN and Infinity are not numbers in JSON."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"1.5 | 1.5", "1e30 | 1.0E30", "3.0 | 3.0"})
    void aFractionIsNotTruncatedIntoAWholeNumber(String value, String echoed) throws Exception {
        malformed("{\"expectedVersion\": " + value + "}", "expectedVersion")
                .andExpect(jsonPath("$.detail").value(
                        "Field 'expectedVersion' must be a whole number; got " + echoed + "."));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"99999999999999999999", "-99999999999999999999", "9223372036854775808"})
    void aWholeNumberOutOfRangeIsRefusedWithTheRange(String value) throws Exception {
        malformed("{\"expectedVersion\": " + value + "}", "expectedVersion")
                .andExpect(jsonPath("$.detail").value("Field 'expectedVersion' must be " + LONG_RANGE + "."));
    }

    @Test
    void aWholeNumberOutOfRangeInsideAListIsNamedByItsPath() throws Exception {
        malformed("{\"items\": [{\"count\": 1}, {\"count\": 99999999999999999999}]}", "items[1].count")
                .andExpect(jsonPath("$.detail").value("Field 'items[1].count' must be " + LONG_RANGE + "."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "expectedVersion | {\"expectedVersion\": " + "NUMBER}",
            "amount          | {\"text\": \"a\", \"amount\": NUMBER}",
            "amount          | {\"amount\": 1.NUMBER}",
            "items[1].count  | {\"items\": [{\"count\": 1}, {\"count\": NUMBER}]}",
            "expectedVersion | {\"expectedVersion\": \"NUMBER\"}"})
    void aNumberLongerThanTheReaderTakesIsRefusedNamingTheField(String field, String template) throws Exception {
        malformed(template.replace("NUMBER", DIGITS_1001), field)
                .andExpect(jsonPath("$.detail").value(
                        "Field '" + field + "' must be a number of at most 1000 digits."));
    }

    @Test
    void aFieldNameLongerThanTheReaderTakesIsRefused() throws Exception {
        malformed("{\"text\": \"a\", \"" + "n".repeat(50_001) + "\": 1}", null)
                .andExpect(jsonPath("$.detail").value(
                        "The request body has a field name longer than 50000 characters."));
    }

    @Test
    void anEnumGivenAsItsPositionIsRefused() throws Exception {
        malformed("{\"outlook\": 0}", "outlook")
                .andExpect(jsonPath("$.detail").value(
                        "Field 'outlook' must be one of POSITIVE, NEUTRAL, CAUTIOUS, NEGATIVE; got 0."));
    }

    @Test
    void aSecondJsonValueAfterTheBodyIsRefused() throws Exception {
        malformed("{\"text\": \"a\"} {\"text\": \"b\"}", null)
                .andExpect(jsonPath("$.detail").value(
                        "The request body must be a single JSON value; something follows it (line 1, column 15)."));
    }

    @Test
    void anythingElseAfterTheBodyIsInvalidJson() throws Exception {
        malformed("{\"text\": \"a\"} x", null)
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON (line 1, column 16)."));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"expectedVersion\": +1}", "{\"expectedVersion\": 01}", "{\"amount\": .5}",
            "{\"text\": 'single'}", "{text: \"a\"}", "{\"text\": \"a\",}", "NaN"})
    void otherInvalidJsonSaysWhereInTheLedgersWords(String json) throws Exception {
        malformed(json, null)
                .andExpect(jsonPath("$.detail").value(matchesPattern(
                        "The request body is not valid JSON \\(line 1, column \\d+\\)\\.")));
    }
}

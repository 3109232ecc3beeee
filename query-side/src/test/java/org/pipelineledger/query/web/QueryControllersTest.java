package org.pipelineledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.reverted;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.query.QuerySideFixture;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The REST edge of the query side: routes, parameters and response field names, over a real query bus with the
 * projections subscribed (no Spring context; the app's problem handling is stood in for by a tiny advice).
 */
class QueryControllersTest {

    private EmbeddedEventStore eventStore;
    private QueryGateway gateway;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        // configured like the app's web mapper (application.yml): ISO dates, nulls left out
        ObjectMapper webMapper = Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        QuerySideFixture fixture = new QuerySideFixture(PipelineCatalog.withDefaultPipeline(),
                Clock.fixed(day(30), ZoneOffset.UTC), eventStore, webMapper);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        fixture.queryHandlers().forEach(handler -> new AnnotationQueryHandlerAdapter<>(handler).subscribe(queryBus));
        gateway = DefaultQueryGateway.builder().queryBus(queryBus).build();

        publish(0, created("A", "PROSPECTING", day(0)), "rep");
        publish(1, advanced("A", "PROSPECTING", "PROPOSAL", day(2)), "rep");
        publish(2, reverted("A", "PROPOSAL", "QUALIFIED", ReversionReason.BUDGET, day(3)), "manager");
        publish(3, new CloseDateSlipped(id("A"), LocalDate.parse("2025-06-30"), LocalDate.parse("2025-07-31"), 31,
                "legal", day(4)), "rep");
        eventStore.readEvents("A", 0).asStream().forEach(fixture::handle);

        mvc = MockMvcBuilders.standaloneSetup(
                        new BoardController(gateway, Clock.systemUTC()), new OpportunityController(gateway, Clock.systemUTC()),
                        new HistoryController(gateway), new DaysInStageController(gateway),
                        new SlippageController(gateway), new ReversionsController(gateway))
                .setControllerAdvice(new LedgerExceptionAdvice())
                .setMessageConverters(new MappingJackson2HttpMessageConverter(webMapper))
                .build();
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void theBoardAnswersWithEveryStageAndItsCards() throws Exception {
        mvc.perform(get("/api/board"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pipeline").value("default"))
                .andExpect(jsonPath("$.displayName").exists())
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.asOf").value("2025-01-31T09:00:00Z"))
                .andExpect(jsonPath("$.openCount").value(1))
                .andExpect(jsonPath("$.openAmount").value(1000))
                .andExpect(jsonPath("$.stages.length()").value(5))
                .andExpect(jsonPath("$.stages[1].stage").value("QUALIFIED"))
                .andExpect(jsonPath("$.stages[1].displayName").value("Qualified"))
                .andExpect(jsonPath("$.stages[1].count").value(1))
                .andExpect(jsonPath("$.stages[1].totalAmount").value(1000))
                .andExpect(jsonPath("$.stages[0].averageDaysInStage").value(2.0))
                .andExpect(jsonPath("$.stages[1].cards[0].id").value("A"))
                .andExpect(jsonPath("$.stages[1].cards[0].name").value("Deal A"))
                .andExpect(jsonPath("$.stages[1].cards[0].account").value("Account of A"))
                .andExpect(jsonPath("$.stages[1].cards[0].owner").value("rep"))
                .andExpect(jsonPath("$.stages[1].cards[0].amount").value(1000))
                .andExpect(jsonPath("$.stages[1].cards[0].currency").value("USD"))
                .andExpect(jsonPath("$.stages[1].cards[0].closeDate").value("2025-07-31"))
                .andExpect(jsonPath("$.stages[1].cards[0].outlook").value("NEUTRAL"))
                .andExpect(jsonPath("$.stages[1].cards[0].stageEnteredAt").value("2025-01-04T09:00:00Z"))
                .andExpect(jsonPath("$.stages[1].cards[0].daysInStage").value(27))
                .andExpect(jsonPath("$.stages[1].cards[0].stale").value(false))
                .andExpect(jsonPath("$.stages[1].cards[0].closeDateOverdue").value(false));
    }

    @Test
    void theBoardLimitsItsCardsPerStageAndAStagesCardsArePagedSeparately() throws Exception {
        mvc.perform(get("/api/board").param("cardsPerStage", "0"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stages[1].count").value(1))
                .andExpect(jsonPath("$.stages[1].cards.length()").value(0));
        mvc.perform(get("/api/board/cards").param("stage", "QUALIFIED").param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pipeline").value("default"))
                .andExpect(jsonPath("$.stage").value("QUALIFIED"))
                .andExpect(jsonPath("$.asOf").value("2025-01-31T09:00:00Z"))
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.cards[0].id").value("A"))
                .andExpect(jsonPath("$.cards[0].daysInStage").value(27))
                .andExpect(jsonPath("$.next").doesNotExist());
        mvc.perform(get("/api/board/cards").param("stage", "QUALIFIED").param("after", "nope"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_CURSOR"));
        mvc.perform(get("/api/board").param("cardsPerStage", "5000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_LIMIT"));
        mvc.perform(get("/api/board/cards"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MISSING_STAGE"));
    }

    @Test
    void anUnknownPipelineIsABadRequestWithItsCode() throws Exception {
        mvc.perform(get("/api/board").param("pipeline", "nope"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("UNKNOWN_PIPELINE"));
    }

    @Test
    void theSummaryOfADealCarriesItsVersion() throws Exception {
        mvc.perform(get("/api/opportunities/A"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("A"))
                .andExpect(jsonPath("$.pipeline").value("default"))
                .andExpect(jsonPath("$.stage").value("QUALIFIED"))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.createdAt").value("2025-01-01T09:00:00Z"))
                .andExpect(jsonPath("$.version").value(3));
    }

    @Test
    void everyPerDealEndpointAnswersNotFoundForAnUnknownOrMalformedId() throws Exception {
        for (String path : new String[] {"", "/history", "/days-in-stage", "/slippage"}) {
            for (String deal : new String[] {"nope", "not valid!"}) {
                mvc.perform(get("/api/opportunities/{id}" + path, deal))
                        .andExpect(status().isNotFound())
                        .andExpect(jsonPath("$.code").value("OPPORTUNITY_NOT_FOUND"));
            }
        }
    }

    @Test
    void theHistoryListsEventsWithPayloadAndMetadata() throws Exception {
        mvc.perform(get("/api/opportunities/A/history"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("A"))
                .andExpect(jsonPath("$.events.length()").value(4))
                .andExpect(jsonPath("$.events[2].sequence").value(2))
                .andExpect(jsonPath("$.events[2].type").value("StageReverted"))
                .andExpect(jsonPath("$.events[2].occurredAt").value("2025-01-04T09:00:00Z"))
                .andExpect(jsonPath("$.events[2].recordedAt").exists())
                .andExpect(jsonPath("$.events[2].payload.opportunityId").value("A"))
                .andExpect(jsonPath("$.events[2].payload.from").value("PROPOSAL"))
                .andExpect(jsonPath("$.events[2].payload.reason").value("BUDGET"))
                .andExpect(jsonPath("$.events[2].metadata.actor").value("manager"))
                .andExpect(jsonPath("$.events[2].metadata.requestId").value("req-2"));
    }

    @Test
    void daysInStageAnswersPerDealAndPerStage() throws Exception {
        mvc.perform(get("/api/opportunities/A/days-in-stage"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currentStage").value("QUALIFIED"))
                .andExpect(jsonPath("$.enteredAt").value("2025-01-04T09:00:00Z"))
                .andExpect(jsonPath("$.daysInStage").value(27))
                .andExpect(jsonPath("$.stages[0].stage").value("PROSPECTING"))
                .andExpect(jsonPath("$.stages[0].visits").value(1))
                .andExpect(jsonPath("$.stages[0].days").value(2.0))
                .andExpect(jsonPath("$.visits[0].exitedAt").value("2025-01-03T09:00:00Z"))
                .andExpect(jsonPath("$.visits[2].current").value(true));
        mvc.perform(get("/api/reports/days-in-stage"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pipeline").value("default"))
                .andExpect(jsonPath("$.stages[0].stage").value("PROSPECTING"))
                .andExpect(jsonPath("$.stages[0].completedStays").value(1))
                .andExpect(jsonPath("$.stages[0].averageDays").value(2.0))
                .andExpect(jsonPath("$.stages[0].medianDays").value(2.0))
                .andExpect(jsonPath("$.stages[0].p90Days").value(2.0))
                .andExpect(jsonPath("$.stages[1].openStays").value(1))
                .andExpect(jsonPath("$.stages[1].averageOpenDays").value(27.0));
        mvc.perform(get("/api/reports/days-in-stage").param("pipeline", "nope"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void slippageAnswersPerDealAndAsARankedReport() throws Exception {
        mvc.perform(get("/api/opportunities/A/slippage"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.originalCloseDate").value("2025-06-30"))
                .andExpect(jsonPath("$.currentCloseDate").value("2025-07-31"))
                .andExpect(jsonPath("$.slipCount").value(1))
                .andExpect(jsonPath("$.totalSlipDays").value(31))
                .andExpect(jsonPath("$.netDays").value(31))
                .andExpect(jsonPath("$.changes[0].direction").value("SLIPPED"))
                .andExpect(jsonPath("$.changes[0].actor").value("rep"))
                .andExpect(jsonPath("$.changes[0].reason").value("legal"));
        mvc.perform(get("/api/reports/slippage").param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limit").value(5))
                .andExpect(jsonPath("$.slippedDeals").value(1))
                .andExpect(jsonPath("$.deals[0].rank").value(1))
                .andExpect(jsonPath("$.deals[0].id").value("A"));
        mvc.perform(get("/api/reports/slippage").param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_LIMIT"));
        mvc.perform(get("/api/reports/slippage").param("limit", "many"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void reversionsAreFilteredByPeriodAndOwnerAndCounted() throws Exception {
        mvc.perform(get("/api/reports/reversions")
                        .param("from", "2025-01-04").param("to", "2025-01-04").param("owner", "rep"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2025-01-04"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.byReason.BUDGET").value(1))
                .andExpect(jsonPath("$.byOwner.rep").value(1))
                .andExpect(jsonPath("$.byStage.PROPOSAL").value(1))
                .andExpect(jsonPath("$.reversions[0].id").value("A"))
                .andExpect(jsonPath("$.reversions[0].actor").value("manager"))
                .andExpect(jsonPath("$.reversions[0].note").value("because BUDGET"));
        mvc.perform(get("/api/reports/reversions").param("from", "2025-01-05"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/reports/reversions").param("from", "notadate"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/reports/reversions").param("from", "2025-02-01").param("to", "2025-01-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PERIOD"));
    }

    @Test
    void aLedgerExceptionFromAQueryHandlerReachesTheCallerUnwrapped() {
        assertThatThrownBy(() -> new OpportunityController(gateway, Clock.systemUTC()).opportunity("nope", null, null))
                .isExactlyInstanceOf(LedgerException.class)
                .satisfies(e -> assertThat(((LedgerException) e).code()).isEqualTo("OPPORTUNITY_NOT_FOUND"));
    }

    private void publish(long sequence, OpportunityEvent event, String actor) {
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", event.opportunityId().value(), sequence,
                event, MetaData.with("actor", actor).and("requestId", "req-" + sequence)));
    }

    /** Stands in for the app's problem-detail advice: status and code from the LedgerException. */
    @RestControllerAdvice
    static class LedgerExceptionAdvice {
        @ExceptionHandler(LedgerException.class)
        ResponseEntity<Map<String, Object>> handle(LedgerException e) {
            return ResponseEntity.status(e.kind().status()).body(Map.of("code", e.code()));
        }
    }
}

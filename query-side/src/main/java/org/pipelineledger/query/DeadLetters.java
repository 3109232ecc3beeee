package org.pipelineledger.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read models' dead letters (ADR 0012): the events each read model parked, per deal, and what an administrator
 * can do about them. Listing reads Axon's table directly (one query, no payload is deserialised); retrying and
 * evicting go through Axon's queue and dead-letter processor, which claim a deal's letters so that two nodes never
 * work on the same ones.
 */
@Component
public class DeadLetters {

    /** One read model's parked events of one deal, oldest first. */
    public record ParkedDeal(String readModel, String opportunityId, List<ParkedEvent> events) {

        public ParkedDeal {
            events = List.copyOf(events);
        }
    }

    /**
     * One parked event.
     *
     * @param sequenceNumber the event's sequence number in the deal's history
     * @param type           the event's type, e.g. {@code AmountChanged}
     * @param enqueuedAt     when it was parked
     * @param lastTouched    when it was last parked or retried
     * @param retries        how many retries of it have failed
     * @param causeType      what the handler threw, if this event failed itself; an event parked only because an
     *                       earlier one of the same deal is parked has none
     * @param cause          the failure's message, without SQL
     */
    public record ParkedEvent(long sequenceNumber, String type, Instant enqueuedAt, Instant lastTouched, long retries,
                              String causeType, String cause) {
    }

    /** The outcome of a retry: the deal's letters left afterwards (none when every event was handled). */
    public record RetryOutcome(String readModel, String opportunityId, boolean handled, long remaining) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventProcessingConfiguration processing;
    private final NamedParameterJdbcTemplate jdbc;

    DeadLetters(EventProcessingConfiguration processing, NamedParameterJdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    /** Every parked deal, by read model in the status's order, then by the time its first event was parked. */
    public List<ParkedDeal> list() {
        Map<String, Map<String, List<ParkedEvent>>> byGroup = new LinkedHashMap<>();
        ProcessingConfiguration.PROCESSING_GROUPS.forEach(group -> byGroup.put(group, new LinkedHashMap<>()));
        jdbc.query("""
                SELECT processinggroup, sequenceidentifier, sequencenumber, payloadtype, enqueuedat, lasttouched,
                    causetype, causemessage, diagnostics
                FROM deadletterentry
                ORDER BY processinggroup, sequenceidentifier, sequenceindex""",
                rs -> {
                    byGroup.computeIfAbsent(rs.getString("processinggroup"), group -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString("sequenceidentifier"), deal -> new ArrayList<>())
                            .add(new ParkedEvent(rs.getLong("sequencenumber"), simpleName(rs.getString("payloadtype")),
                                    instant(rs.getString("enqueuedat")), instant(rs.getString("lasttouched")),
                                    retries(rs.getBytes("diagnostics")), simpleName(rs.getString("causetype")),
                                    causeText(rs.getString("causemessage"))));
                });
        List<ParkedDeal> deals = new ArrayList<>();
        byGroup.forEach((group, parked) -> parked.entrySet().stream()
                .sorted((a, b) -> a.getValue().get(0).enqueuedAt().compareTo(b.getValue().get(0).enqueuedAt()))
                .forEach(entry -> deals.add(new ParkedDeal(group, entry.getKey(), entry.getValue()))));
        return deals;
    }

    /** How many deals each read model has parked, for every read model. */
    Map<String, Long> parkedDealsByReadModel() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ProcessingConfiguration.PROCESSING_GROUPS.forEach(group -> counts.put(group, 0L));
        jdbc.query("SELECT processinggroup, COUNT(DISTINCT sequenceidentifier) AS deals FROM deadletterentry"
                        + " GROUP BY processinggroup",
                rs -> {
                    counts.put(rs.getString("processinggroup"), rs.getLong("deals"));
                });
        return counts;
    }

    /**
     * Hands the deal's parked events to the read model again, in order, each in its own transaction; it stops at the
     * first that fails again, which stays parked with every event after it.
     */
    public RetryOutcome retry(String readModel, String opportunityId) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(
                known(readModel)).orElseThrow(() -> unknownReadModel(readModel));
        boolean handled = processor.process(letter -> opportunityId.equals(dealOf(letter)));
        return new RetryOutcome(readModel, opportunityId, handled, queue(readModel).sequenceSize(opportunityId));
    }

    /** Retries every parked deal of every read model; one that fails again does not stop the others. */
    public List<RetryOutcome> retryAll() {
        return list().stream().map(deal -> retry(deal.readModel(), deal.opportunityId())).toList();
    }

    /**
     * Drops the deal's parked events from the read model's queue without handling them: the read model will never
     * show them (a rebuild would). Later events of the deal are handled again as they come.
     *
     * @return how many events were dropped
     */
    public long evict(String readModel, String opportunityId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(readModel);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(opportunityId).forEach(letters::add);
        letters.forEach(queue::evict);
        return letters.size();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String readModel) {
        return processing.deadLetterQueue(known(readModel)).orElseThrow(() -> unknownReadModel(readModel));
    }

    private static String known(String readModel) {
        if (!ProcessingConfiguration.PROCESSING_GROUPS.contains(readModel)) {
            throw unknownReadModel(readModel);
        }
        return readModel;
    }

    private static LedgerException unknownReadModel(String readModel) {
        return new LedgerException(ProblemCode.UNKNOWN_READ_MODEL, "there is no read model '" + readModel + "'; the read"
                + " models are " + String.join(", ", ProcessingConfiguration.PROCESSING_GROUPS));
    }

    private static String dealOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier() : null;
    }

    private static String simpleName(String className) {
        return className == null ? null : className.substring(className.lastIndexOf('.') + 1);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String causeText(String message) {
        return message == null ? null : ErrorText.of(new RuntimeException(message));
    }

    /** Diagnostics are Axon's serialised MetaData, a JSON object: {"retries": n}. */
    private static long retries(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        try {
            return JSON.readTree(diagnostics).path(ProcessingConfiguration.RETRIES).asLong(0);
        } catch (IOException unreadable) {
            return 0;
        }
    }
}

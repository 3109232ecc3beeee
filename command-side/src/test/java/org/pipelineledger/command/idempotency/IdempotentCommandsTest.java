package org.pipelineledger.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Commands sent with an {@code Idempotency-Key} over HTTP (MockMvc) against the real command bus and the JDBC event
 * store on H2: what a repetition is answered, what it appends, and what two requests racing with one key do.
 */
@SpringBootTest
@AutoConfigureMockMvc
class IdempotentCommandsTest {

    private static final String KEY_HEADER = "Idempotency-Key";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private CommandBus commandBus;

    private final String id = "idem-" + UUID.randomUUID();
    private final String key = "key-" + UUID.randomUUID();
    private final List<Registration> registrations = new ArrayList<>();

    @AfterEach
    void removeGates() {
        registrations.forEach(Registration::cancel);
        registrations.clear();
    }

    /** The answer as a client sees it: what a repetition must give back unchanged. */
    private record Answer(int status, String body, String location) {

        static Answer of(MockHttpServletResponse response) throws Exception {
            return new Answer(response.getStatus(), response.getContentAsString(StandardCharsets.UTF_8),
                    response.getHeader("Location"));
        }
    }

    private static MockHttpServletRequestBuilder as(String user, String path, String json) {
        return post(path).with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    private Answer send(String user, String path, String json, String... keys) throws Exception {
        MockHttpServletRequestBuilder request = as(user, path, json);
        for (String each : keys) {
            request.header(KEY_HEADER, each);
        }
        return Answer.of(mvc.perform(request).andReturn().getResponse());
    }

    private String creation(String dealId) {
        return """
                {"id": "%s", "name": "Acme renewal", "account": "Acme", "amount": 50000, "closeDate": "2025-12-31"}
                """.formatted(dealId);
    }

    private Answer create(String... keys) throws Exception {
        return send("rep", "/api/opportunities", creation(id), keys);
    }

    private Answer change(String action, String json, String... keys) throws Exception {
        return send("rep", "/api/opportunities/" + id + "/" + action, json, keys);
    }

    private int stored(String dealId) {
        return eventStore.readEvents(dealId).asStream().toList().size();
    }

    private long lastEvent() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry", Long.class);
    }

    /** Events of any deal appended since {@code before}; tests run one at a time, so they are this test's. */
    private long appendedSince(long before) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE globalindex > ?", Long.class, before);
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("\"code\":\"" + code + "\"");
    }

    @Test
    void aRepeatedCreationIsAnsweredAsTheFirstWasAndAppendsNothing() throws Exception {
        Answer first = create(key);
        Answer again = create(key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.location()).isEqualTo("/api/opportunities/" + id);
        assertThat(first.body()).contains("\"version\":0");
        assertThat(again).isEqualTo(first);
        assertThat(stored(id)).isEqualTo(1);
    }

    /** The id is generated anew for every request; the repetition must still name the deal the first one made. */
    @Test
    void aRepeatedCreationWithoutAnIdNamesTheDealTheFirstOneCreated() throws Exception {
        String withoutId = """
                {"name": "Acme renewal", "account": "Acme", "amount": 50000, "closeDate": "2025-12-31"}""";
        long before = lastEvent();

        Answer first = send("rep", "/api/opportunities", withoutId, key);
        Answer again = send("rep", "/api/opportunities", withoutId, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.location()).matches("/api/opportunities/[0-9a-f-]{36}");
        assertThat(again).isEqualTo(first);
        assertThat(appendedSince(before)).isEqualTo(1);
    }

    @Test
    void aRepeatedChangeIsAnsweredWithTheFirstVersionAndAppendsNothing() throws Exception {
        create();
        String note = """
                {"text": "left a voicemail"}""";

        Answer first = change("notes", note, key);
        Answer again = change("notes", note, key);

        assertThat(first).isEqualTo(new Answer(200, "{\"id\":\"" + id + "\",\"version\":1}", null));
        assertThat(again).isEqualTo(first);
        assertThat(stored(id)).isEqualTo(2);
        assertThat(eventStore.readEvents(id).asStream().toList().get(1).getMetaData().keySet())
                .as("the key stays off the events").noneMatch(name -> name.startsWith("idempotency"));
        // the first answer, not the deal as it is now
        change("notes", note);
        assertThat(change("notes", note, key)).isEqualTo(first);
        assertThat(stored(id)).isEqualTo(3);
    }

    /** The recorded answer is given before the command is sent: a repetition takes no deal's lock and decides nothing. */
    @Test
    void aRepetitionIsAnsweredWithoutSendingTheCommand() throws Exception {
        create();
        String note = """
                {"text": "once"}""";
        change("notes", note, key);
        AtomicInteger sent = new AtomicInteger();
        registrations.add(commandBus.registerDispatchInterceptor(messages -> (index, command) -> {
            sent.incrementAndGet();
            return command;
        }));

        assertThat(change("notes", note, key).status()).isEqualTo(200);
        assertProblem(change("notes", """
                {"text": "twice"}""", key), 422, "IDEMPOTENCY_KEY_REUSED");

        assertThat(sent).hasValue(0);
    }

    @Test
    void theSameKeyWithAnotherBodyOrPathIsRefusedAndAppendsNothing() throws Exception {
        create();
        change("notes", """
                {"text": "left a voicemail"}""", key);

        assertProblem(change("notes", """
                {"text": "left two voicemails"}""", key), 422, "IDEMPOTENCY_KEY_REUSED");
        // the exact bytes count: the same JSON spaced differently is another request
        assertProblem(change("notes", """
                {"text":  "left a voicemail"}""", key), 422, "IDEMPOTENCY_KEY_REUSED");
        String otherDeal = "idem-other-" + UUID.randomUUID();
        send("rep", "/api/opportunities", creation(otherDeal));
        assertProblem(send("rep", "/api/opportunities/" + otherDeal + "/notes", """
                {"text": "left a voicemail"}""", key), 422, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(send("rep", "/api/opportunities", creation("idem-third-" + UUID.randomUUID()), key), 422,
                "IDEMPOTENCY_KEY_REUSED");
        assertThat(stored(id)).isEqualTo(2);
        assertThat(stored(otherDeal)).isEqualTo(1);
    }

    @Test
    void aKeyIsItsUsersOwn() throws Exception {
        create();
        String note = """
                {"text": "checked in"}""";

        Answer reps = change("notes", note, key);
        Answer managers = send("manager", "/api/opportunities/" + id + "/notes", note, key);

        assertThat(reps.body()).contains("\"version\":1");
        assertThat(managers.body()).contains("\"version\":2");
        assertThat(stored(id)).isEqualTo(3);
        assertThat(change("notes", note, key)).isEqualTo(reps);
    }

    /**
     * Refusals are not recorded (IdempotentCommands): the request appended nothing, so it may be repeated with the
     * same key and be decided again. Here the deal lacks an amount for PROPOSAL; once it has one, the same request
     * with the same key succeeds, once.
     */
    @Test
    void aRefusedCommandIsNotRecordedSoTheSameRequestMaySucceedLater() throws Exception {
        send("rep", "/api/opportunities", """
                {"id": "%s", "name": "Acme", "account": "Acme", "amount": 0, "closeDate": "2025-12-31"}
                """.formatted(id));
        String toProposal = """
                {"stage": "PROPOSAL"}""";

        assertProblem(change("stage", toProposal, key), 422, "ENTRY_CRITERIA_NOT_MET");
        change("amount", """
                {"amount": 1000}""");
        Answer accepted = change("stage", toProposal, key);

        assertThat(accepted).isEqualTo(new Answer(200, "{\"id\":\"" + id + "\",\"version\":2}", null));
        assertThat(change("stage", toProposal, key)).isEqualTo(accepted);
        assertThat(stored(id)).isEqualTo(3);
    }

    static List<String> malformedKeys() {
        return List.of("", "schl\u00fcssel", "tab\there", "x".repeat(256));
    }

    @ParameterizedTest
    @MethodSource("malformedKeys")
    void aKeyThatIsNotOneToTwoHundredFiftyFivePrintableAsciiCharactersIsRefused(String malformed) throws Exception {
        long before = lastEvent();

        assertProblem(create(malformed), 400, "INVALID_REQUEST_HEADER");
        assertThat(appendedSince(before)).isZero();
    }

    @Test
    void theLongestKeyAndOneWithSpacesAreTaken() throws Exception {
        assertThat(create("x".repeat(255)).status()).isEqualTo(201);
        assertThat(send("rep", "/api/opportunities", creation(id + "-2"), "a key with spaces").status())
                .isEqualTo(201);
    }

    @Test
    void twoKeysOnOneRequestAreRefused() throws Exception {
        assertProblem(create(key, key + "-2"), 400, "INVALID_REQUEST_HEADER");
        assertThat(stored(id)).isZero();
    }

    /**
     * Both requests are held at the command bus until both have got there, so each has already looked for the key
     * and found nothing: only the database's constraint can stop the second. The deal's lock makes the second wait
     * for the first to commit; its own insert of the key then fails, its note is rolled back, and it answers the
     * first one's answer.
     */
    @Test
    void twoChangesRacingWithOneKeyAppendOnceAndGetTheSameAnswer() throws Exception {
        create();
        holdUntilBothArrive(key);
        String note = """
                {"text": "sent twice by a nervous client"}""";

        List<Answer> answers = race(() -> change("notes", note, key));

        assertThat(answers.get(0)).isEqualTo(new Answer(200, "{\"id\":\"" + id + "\",\"version\":1}", null));
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(stored(id)).isEqualTo(2);
    }

    /**
     * As above, but the second request is refused by the aggregate (the deal is already where the first one moved
     * it): a refusal caused by the request that holds the key is answered with that request's answer.
     */
    @Test
    void twoStageMovesRacingWithOneKeyAppendOnceAndGetTheSameAnswer() throws Exception {
        create();
        holdUntilBothArrive(key);
        String toQualified = """
                {"stage": "QUALIFIED"}""";

        List<Answer> answers = race(() -> change("stage", toQualified, key));

        assertThat(answers.get(0)).isEqualTo(new Answer(200, "{\"id\":\"" + id + "\",\"version\":1}", null));
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(stored(id)).isEqualTo(2);
    }

    /**
     * Two creations without an id are two different deals to the aggregate: nothing but the key relates them. One
     * deal is created; the other request gets its answer, or, when it finds the first still uncommitted, 409
     * IDEMPOTENCY_KEY_IN_USE (on H2, two that collide at the same instant may both get it). Either way a repetition
     * afterwards settles on one deal.
     */
    @Test
    void twoCreationsRacingWithOneKeyCreateOneDeal() throws Exception {
        String withoutId = """
                {"name": "Raced", "account": "Acme", "amount": 50000, "closeDate": "2025-12-31"}""";
        long before = lastEvent();
        holdUntilBothArrive(key);

        List<Answer> answers = race(() -> send("rep", "/api/opportunities", withoutId, key));
        removeGates();
        Answer settled = send("rep", "/api/opportunities", withoutId, key);

        assertThat(settled.status()).isEqualTo(201);
        for (Answer answer : answers) {
            if (answer.status() != 201) {
                assertProblem(answer, 409, "IDEMPOTENCY_KEY_IN_USE");
            } else {
                assertThat(answer).isEqualTo(settled);
            }
        }
        assertThat(appendedSince(before)).isEqualTo(1);
    }

    /** A request with the key is being handled (its transaction holds the key, uncommitted) when another arrives. */
    @Test
    void aKeyHeldByARequestStillBeingHandledIsInUseAndAppendsNothing() throws Exception {
        create();
        String note = """
                {"text": "hello"}""";
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("""
                    INSERT INTO idempotency_record
                        (principal, idempotency_key, fingerprint, opportunity_id, deal_version, created_at)
                    VALUES ('rep', ?, 'not yet known', ?, 1, ?)""")) {
                insert.setString(1, key);
                insert.setString(2, id);
                insert.setObject(3, OffsetDateTime.now());
                insert.executeUpdate();
            }

            assertProblem(change("notes", note, key), 409, "IDEMPOTENCY_KEY_IN_USE");
            assertThat(stored(id)).isEqualTo(1);
            other.rollback();
        }
        assertThat(change("notes", note, key).status()).isEqualTo(200);
        assertThat(stored(id)).isEqualTo(2);
    }

    /** Holds the next two commands with this key at the command bus until both have been sent. */
    private void holdUntilBothArrive(String heldKey) {
        CyclicBarrier bothSent = new CyclicBarrier(2);
        MessageDispatchInterceptor<CommandMessage<?>> gate = new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    if (heldKey.equals(command.getMetaData().get(IdempotentCommands.KEY))) {
                        try {
                            // a guard against a hung test, not a measurement
                            bothSent.await(60, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("the second request never came", e);
                        }
                    }
                    return command;
                };
            }
        };
        registrations.add(commandBus.registerDispatchInterceptor(gate));
    }

    private static List<Answer> race(Callable<Answer> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Answer> one = threads.submit(request);
            Future<Answer> other = threads.submit(request);
            List<Answer> answers = new ArrayList<>(List.of(one.get(90, TimeUnit.SECONDS),
                    other.get(90, TimeUnit.SECONDS)));
            // the accepted one first, whichever thread it was on
            answers.sort((a, b) -> Integer.compare(a.status() == 409 ? 1 : 0, b.status() == 409 ? 1 : 0));
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}

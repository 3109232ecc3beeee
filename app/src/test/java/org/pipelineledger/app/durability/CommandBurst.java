package org.pipelineledger.app.durability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Client threads in the test JVM sending commands to the ledger over HTTP, each with its own connection and its own
 * deals (so they never race each other for a deal), until they are stopped or reach their bound. Every command
 * carries a unique {@code X-Request-Id}, and every outcome is recorded: acknowledged (2xx, with the version the
 * ledger answered), refused (4xx: the ledger promises it appended nothing), or unanswered (the connection was cut by
 * a kill, or no answer came: it may or may not have been applied).
 * <p>
 * The workers send to whichever ledger process is open. When one dies under them they wait for the next, and carry
 * on with the deals they have and new ones. A worker that is refused, or gets no answer, no longer knows its deal's
 * state (an acknowledged change may have been lost in the crash, an unanswered one may have been applied), so before
 * its next command on that deal it reads the deal's history from the store.
 */
final class CommandBurst {

    /** How a command ended, as the client saw it. */
    enum Result { ACKNOWLEDGED, REFUSED, UNANSWERED }

    /**
     * One command as the client saw it end.
     *
     * @param instance which ledger process it was sent to (0 = the first start)
     * @param version  the version the ledger answered, for an acknowledged command; -1 otherwise
     * @param detail   the problem code of a refusal, or why there was no answer
     */
    record Outcome(String requestId, String command, String dealId, int instance, Result result, int status,
                   long version, String detail) {
    }

    /** One ledger process as the clients reach it. */
    record Endpoint(int instance, int port) {
    }

    private static final List<String> STAGES = List.of("PROSPECTING", "QUALIFIED", "DISCOVERY", "PROPOSAL",
            "NEGOTIATION");
    private static final List<String> OUTLOOKS = List.of("POSITIVE", "NEUTRAL", "CAUTIOUS", "NEGATIVE");
    private static final List<String> REASONS = List.of("CHANGING_NEEDS", "NEW_DECISION_MAKER", "BUDGET",
            "MAJOR_OBJECTION", "LOSS_OF_MOMENTUM", "PREMATURE_ADVANCE", "OTHER");
    /** Worker i acts as USERS[i % 4]; the manager's deals are owned by rep2, whom the manager may act for. */
    private static final List<String> USERS = List.of("rep", "rep2", "manager", "rep");
    private static final LocalDate FIRST_CLOSE_DATE = LocalDate.of(2027, 1, 1);
    private static final int CREATE_PERCENT = 20;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final String prefix;
    private final int maxStepsPerWorker;
    private final int maxDealsPerWorker;
    private final long deadlineNanos;
    private final Gate gate = new Gate();
    private final AtomicIntegerArray acknowledged = new AtomicIntegerArray(64);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<List<Outcome>> outcomes = new ArrayList<>();

    /**
     * @param maxStepsPerWorker bound on each worker's requests (commands and history reads)
     * @param runFor            bound on the whole burst's time
     */
    CommandBurst(int workers, long seed, int maxStepsPerWorker, int maxDealsPerWorker, Duration runFor) {
        this(workers, seed, maxStepsPerWorker, maxDealsPerWorker, runFor, "crash");
    }

    /** @param prefix of the deal and request ids, so that several bursts on one store never share one (NodesIT) */
    CommandBurst(int workers, long seed, int maxStepsPerWorker, int maxDealsPerWorker, Duration runFor,
                 String prefix) {
        this.seed = seed;
        this.prefix = prefix;
        this.maxStepsPerWorker = maxStepsPerWorker;
        this.maxDealsPerWorker = maxDealsPerWorker;
        this.deadlineNanos = System.nanoTime() + runFor.toNanos();
        for (int worker = 0; worker < workers; worker++) {
            List<Outcome> own = new ArrayList<>();
            outcomes.add(own);
            int number = worker;
            Thread thread = new Thread(() -> {
                try {
                    work(number, own);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "crash-client-" + worker);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** Lets the workers send to this process from now on. */
    void open(Endpoint endpoint) {
        gate.open(endpoint);
    }

    /** No process to send to: the workers wait (those in the middle of a request learn it from their connection). */
    void close() {
        gate.close();
    }

    /** Commands acknowledged by the given process so far. */
    int acknowledgedBy(int instance) {
        return acknowledged.get(instance);
    }

    /** A worker that died of something other than the ledger's answers: the test cannot go on without it. */
    Throwable failure() {
        return failure.get();
    }

    /** Ends the burst: every worker finishes the request it is in (bounded by its timeout) and returns. */
    void stop() throws InterruptedException {
        gate.stop();
        for (Thread thread : threads) {
            thread.join(REQUEST_TIMEOUT.multipliedBy(2).toMillis());
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not finish its last request");
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a client thread failed", failure.get());
        }
    }

    /** Every outcome of every worker; call after {@link #stop()}. */
    List<Outcome> outcomes() {
        List<Outcome> all = new ArrayList<>();
        outcomes.forEach(all::addAll);
        return all;
    }

    private void work(int worker, List<Outcome> own) throws InterruptedException {
        String user = USERS.get(worker % USERS.size());
        String owner = "manager".equals(user) ? "rep2" : null;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Random random = new Random(seed * 31 + worker);
        List<Deal> deals = new ArrayList<>();
        int created = 0;
        int commands = 0;
        Endpoint cutOff = null;
        for (int step = 0; step < maxStepsPerWorker; step++) {
            Endpoint endpoint = gate.await(cutOff, deadlineNanos);
            if (endpoint == null) {
                return;
            }
            cutOff = null;
            Deal deal;
            Command command;
            if (deals.isEmpty() || (created < maxDealsPerWorker && random.nextInt(100) < CREATE_PERCENT)) {
                deal = new Deal(String.format("%s-%d-%03d", prefix, worker, created++));
                deals.add(deal);
                command = deal.creation(owner, random);
            } else {
                deal = deals.get(random.nextInt(deals.size()));
                if (deal.unsure) {
                    switch (resync(http, endpoint, deal)) {
                        case GONE -> deals.remove(deal);
                        case CUT_OFF -> cutOff = endpoint;
                        case KNOWN, NOT_TOLD -> {
                            // known now, or asked again before the deal's next command
                        }
                    }
                    continue;
                }
                command = deal.next(random);
            }
            String requestId = prefix + "-" + worker + "-" + commands++;
            Outcome outcome = send(http, endpoint, user, requestId, deal.id, command);
            own.add(outcome);
            switch (outcome.result()) {
                case ACKNOWLEDGED -> {
                    command.onAcknowledged().accept(deal);
                    acknowledged.incrementAndGet(endpoint.instance());
                }
                case REFUSED -> deal.unsure = true;
                case UNANSWERED -> {
                    deal.unsure = true;
                    // cut off (not merely slow or failing): wait for the next process instead of hammering a dead port
                    if (outcome.status() == 0 && !"timeout".equals(outcome.detail())) {
                        cutOff = endpoint;
                    }
                }
            }
        }
    }

    private static Outcome send(HttpClient http, Endpoint endpoint, String user, String requestId, String dealId,
                                Command command) throws InterruptedException {
        String path = "/api/opportunities" + (command.path().isEmpty() ? "" : "/" + dealId + command.path());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", LedgerProcess.basic(user))
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(json(command.body())))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Outcome(requestId, command.name(), dealId, endpoint.instance(), Result.UNANSWERED, 0, -1,
                    "timeout");
        } catch (IOException e) {
            return new Outcome(requestId, command.name(), dealId, endpoint.instance(), Result.UNANSWERED, 0, -1,
                    e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            return new Outcome(requestId, command.name(), body.path("id").asText(dealId), endpoint.instance(),
                    Result.ACKNOWLEDGED, status, body.path("version").asLong(-1), null);
        }
        if (status >= 400 && status < 500) {
            return new Outcome(requestId, command.name(), dealId, endpoint.instance(), Result.REFUSED, status, -1,
                    body.path("code").asText(null));
        }
        return new Outcome(requestId, command.name(), dealId, endpoint.instance(), Result.UNANSWERED, status, -1,
                body.path("code").asText(null));
    }

    /** What reading a deal's history told the worker. GONE: the store has no such deal (its creation was lost). */
    private enum Resync { KNOWN, GONE, NOT_TOLD, CUT_OFF }

    /** Reads the deal's state from its history, which the ledger reads from the store (never behind). */
    private static Resync resync(HttpClient http, Endpoint endpoint, Deal deal) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port()
                        + "/api/opportunities/" + deal.id + "/history"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", LedgerProcess.basic("auditor"))
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return Resync.NOT_TOLD;
        } catch (IOException e) {
            return Resync.CUT_OFF;
        }
        if (response.statusCode() == 404) {
            return Resync.GONE;
        }
        if (response.statusCode() != 200) {
            return Resync.NOT_TOLD;
        }
        deal.replay(parse(response.body()).path("events"));
        return Resync.KNOWN;
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** A command to send: where, what, and what the worker then believes of its deal if it is acknowledged. */
    private record Command(String name, String path, Map<String, Object> body, Consumer<Deal> onAcknowledged) {
    }

    /**
     * What a worker believes of one of its deals: only what it needs to choose a command the ledger accepts
     * (amounts and close dates are drawn from ranges wide enough that "unchanged" is a rare, harmless refusal).
     */
    private static final class Deal {

        final String id;
        int stage;
        int outlook;
        boolean closed;
        boolean unsure;

        Deal(String id) {
            this.id = id;
        }

        Command creation(String owner, Random random) {
            int startStage = random.nextInt(STAGES.size());
            int startOutlook = random.nextInt(OUTLOOKS.size());
            Map<String, Object> body = body("id", id, "name", "Crash test " + id, "account",
                    "Account " + random.nextInt(50), "stage", STAGES.get(startStage),
                    "amount", amount(random), "closeDate", closeDate(random).toString(),
                    "outlook", OUTLOOKS.get(startOutlook));
            if (owner != null) {
                body.put("owner", owner);
            }
            // a deal whose creation is unanswered is unsure from the start; its state is read before it is used
            return new Command("create", "", body, deal -> {
                deal.stage = startStage;
                deal.outlook = startOutlook;
            });
        }

        Command next(Random random) {
            if (closed) {
                if (random.nextInt(100) < 15) {
                    // refused (OPPORTUNITY_CLOSED): a refusal must append nothing, crash or not
                    return note(random);
                }
                int to = random.nextInt(STAGES.size());
                return new Command("reopen", "/reopen", body("stage", STAGES.get(to), "note", "Back in play"),
                        deal -> {
                            deal.closed = false;
                            deal.stage = to;
                        });
            }
            int roll = random.nextInt(100);
            if (roll < 20) {
                return note(random);
            }
            if (roll < 50) {
                int to = other(stage, STAGES.size(), random);
                Map<String, Object> body = to > stage ? body("stage", STAGES.get(to))
                        : body("stage", STAGES.get(to), "reason", REASONS.get(random.nextInt(REASONS.size())),
                        "note", "Back to " + STAGES.get(to));
                return new Command(to > stage ? "advance" : "revert", "/stage", body, deal -> deal.stage = to);
            }
            if (roll < 62) {
                int to = other(outlook, OUTLOOKS.size(), random);
                return new Command("outlook", "/outlook", body("outlook", OUTLOOKS.get(to), "note", "Outlook " + to),
                        deal -> deal.outlook = to);
            }
            if (roll < 72) {
                return new Command("amount", "/amount", body("amount", amount(random), "reason", "Repriced"),
                        deal -> { });
            }
            if (roll < 84) {
                return new Command("close-date", "/close-date",
                        body("closeDate", closeDate(random).toString(), "reason", "Customer's calendar"), deal -> { });
            }
            if (roll < 90) {
                return new Command("next-step", "/next-step",
                        body("description", "Call " + random.nextInt(100), "dueDate", closeDate(random).toString()),
                        deal -> { });
            }
            if (roll < 95) {
                return new Command("won", "/won", body("note", "Signed"), deal -> deal.closed = true);
            }
            return new Command("lost", "/lost", body("reason", "Chose a competitor", "note", "Price"),
                    deal -> deal.closed = true);
        }

        private static Command note(Random random) {
            return new Command("note", "/notes", body("text", "Note " + random.nextInt(1_000_000)), deal -> { });
        }

        /** The state the store has: the deal's events as its history shows them. */
        void replay(JsonNode events) {
            for (JsonNode event : events) {
                JsonNode payload = event.path("payload");
                switch (event.path("type").asText()) {
                    case "OpportunityCreated" -> {
                        stage = STAGES.indexOf(payload.path("stage").asText());
                        outlook = OUTLOOKS.indexOf(payload.path("outlook").asText());
                        closed = false;
                    }
                    case "StageAdvanced", "StageReverted" -> stage = STAGES.indexOf(payload.path("to").asText());
                    case "OutlookChanged" -> outlook = OUTLOOKS.indexOf(payload.path("to").asText());
                    case "OpportunityWon", "OpportunityLost" -> closed = true;
                    case "OpportunityReopened" -> {
                        closed = false;
                        stage = STAGES.indexOf(payload.path("stage").asText());
                    }
                    default -> {
                        // notes, amounts, close dates and next steps do not change what the worker chooses
                    }
                }
            }
            unsure = false;
        }

        private static int other(int current, int size, Random random) {
            int to = random.nextInt(size - 1);
            return to >= current ? to + 1 : to;
        }

        private static long amount(Random random) {
            return 1_000 + random.nextInt(500_000);
        }

        private static LocalDate closeDate(Random random) {
            return FIRST_CLOSE_DATE.plusDays(random.nextInt(3_650));
        }
    }

    /** Which process the workers may send to; they wait here while there is none. */
    private static final class Gate {

        private Endpoint open;
        private boolean stopped;

        synchronized void open(Endpoint endpoint) {
            open = endpoint;
            notifyAll();
        }

        synchronized void close() {
            open = null;
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        /** The open endpoint other than {@code notThis}, once there is one; null once stopped or past the deadline. */
        synchronized Endpoint await(Endpoint notThis, long deadlineNanos) throws InterruptedException {
            while (!stopped) {
                if (open != null && !open.equals(notThis)) {
                    return open;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return null;
        }
    }
}

package org.pipelineledger.command.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import org.pipelineledger.problem.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * With {@code ledger.audit.verify=true}, verifies at start-up through the same code as the API, with the scope of
 * {@code ledger.audit.verify-deal}, {@code verify-from}, {@code verify-to} and {@code verify-anchor} (each optional),
 * logs its progress every few seconds, prints the result as JSON on standard output and ends the application (unless
 * {@code ledger.audit.verify-exit=false}, for tests): exit code 0 when the store verifies clean, 1 when problems were
 * found, 2 when the verification could not run (a bad scope, an anchor refused, the database failing).
 */
@Component
@ConditionalOnProperty(prefix = "ledger.audit", name = "verify", havingValue = "true")
class VerificationCommandLine implements ApplicationRunner, ExitCodeGenerator {

    static final int CLEAN = 0;
    static final int PROBLEMS = 1;
    static final int COULD_NOT_RUN = 2;
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(VerificationCommandLine.class);

    private final ChainVerifier verifier;
    private final ObjectMapper json;
    private final ApplicationContext context;
    private final String deal;
    private final String from;
    private final String to;
    private final String anchor;
    private final boolean exit;
    private final PrintStream out;
    private volatile int exitCode = COULD_NOT_RUN;

    @Autowired
    VerificationCommandLine(ChainVerifier verifier, ObjectMapper json, ApplicationContext context,
                            @Value("${ledger.audit.verify-deal:#{null}}") String deal,
                            @Value("${ledger.audit.verify-from:#{null}}") String from,
                            @Value("${ledger.audit.verify-to:#{null}}") String to,
                            @Value("${ledger.audit.verify-anchor:#{null}}") String anchor,
                            @Value("${ledger.audit.verify-exit:true}") boolean exit) {
        this(verifier, json, context, deal, from, to, anchor, exit, System.out);
    }

    VerificationCommandLine(ChainVerifier verifier, ObjectMapper json, ApplicationContext context, String deal,
                            String from, String to, String anchor, boolean exit, PrintStream out) {
        this.verifier = verifier;
        this.json = json;
        this.context = context;
        this.deal = deal;
        this.from = from;
        this.to = to;
        this.anchor = anchor;
        this.exit = exit;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) {
        exitCode = verify();
        if (exit) {
            System.exit(SpringApplication.exit(context, this));
        }
    }

    private int verify() {
        try {
            VerificationScope scope = VerificationParameters.of(deal, from, to, anchor);
            ChainVerifier.Run run = verifier.start(scope);
            long total = verifier.count(scope);
            log.info("Verifying {} events: {}", total, ChainVerifier.covers(scope));
            long started = System.nanoTime();
            long[] lastLog = {started};
            VerificationResult result = run.walk(checked -> {
                long now = System.nanoTime();
                if (now - lastLog[0] >= LOG_EVERY.toNanos()) {
                    lastLog[0] = now;
                    double rate = checked / ((now - started) / 1e9);
                    log.info("Verified {} of {} events, {} events/s, about {} s left", checked, total,
                            Math.round(rate), rate <= 0 ? "?" : Math.round(Math.max(0, total - checked) / rate));
                }
            });
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            log.info("Verification {}: {} events of {} deals, {} problem(s)", result.ok() ? "clean" : "found problems",
                    result.eventsChecked(), result.deals(), result.problems().size());
            return result.ok() ? CLEAN : PROBLEMS;
        } catch (LedgerException e) {
            out.println("Verification refused, " + e.code() + ": " + e.getMessage());
            return COULD_NOT_RUN;
        } catch (JsonProcessingException | RuntimeException e) {
            log.error("Verification could not run", e);
            out.println("Verification could not run: " + e);
            return COULD_NOT_RUN;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}

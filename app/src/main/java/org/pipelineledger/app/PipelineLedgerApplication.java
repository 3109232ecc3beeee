package org.pipelineledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Assembles the command side and the query side into one runnable application. */
@SpringBootApplication(scanBasePackages = "org.pipelineledger")
public class PipelineLedgerApplication {

    /** Axon's switch for its update checker, which otherwise reports to AxonIQ over the network at start-up. */
    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";
    /** Axon's switch for its start-up banner advertising AxonIQ Console. */
    static final String CONSOLE_MESSAGE_DISABLED = "disable-axoniq-console-message";

    public static void main(String[] args) {
        keepAxonOffTheNetwork();
        SpringApplication.run(PipelineLedgerApplication.class, args);
    }

    /**
     * The ledger contacts nothing it was not configured to, however it is started ({@code java -jar} included, where
     * the build's {@code AXONIQ_UPDATE_CHECKER_DISABLED} is not set): both switches default to on, and a
     * {@code -D...=false} on the command line still wins.
     */
    static void keepAxonOffTheNetwork() {
        System.getProperties().putIfAbsent(UPDATE_CHECKER_DISABLED, "true");
        System.getProperties().putIfAbsent(CONSOLE_MESSAGE_DISABLED, "true");
    }
}

package org.pipelineledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Assembles the command side and the query side into one runnable application. */
@SpringBootApplication(scanBasePackages = "org.pipelineledger")
public class PipelineLedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PipelineLedgerApplication.class, args);
    }
}

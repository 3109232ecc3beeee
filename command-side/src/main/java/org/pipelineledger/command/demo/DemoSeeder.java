package org.pipelineledger.command.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.pipelineledger.command.opportunity.OpportunityCommand;
import org.pipelineledger.command.opportunity.OpportunityCommandSender;
import org.pipelineledger.pipeline.PipelineCatalog;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code ledger.demo=true}, fills the ledger with a realistic half year of deals, through the same command path
 * as the HTTP API (so every rule applies and every projection sees ordinary events), backdated by an admin actor
 * named {@code demo-seeder}. Deals have fixed ids ({@code demo-0001}...), so seeding again finds them taken and skips
 * them: nothing is duplicated, and an existing deal's history is never extended.
 */
@Component
@ConditionalOnProperty(prefix = "ledger", name = "demo", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

    static final int DEFAULT_DEALS = 300;
    private static final long SEED = 20_250_601L;
    private static final int PROGRESS_EVERY = 50;
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final OpportunityCommandSender sender;
    private final Clock clock;
    private final PipelineCatalog catalog;
    private final int deals;

    @Autowired
    DemoSeeder(OpportunityCommandSender sender, Clock clock, PipelineCatalog catalog) {
        this(sender, clock, catalog, DEFAULT_DEALS);
    }

    DemoSeeder(OpportunityCommandSender sender, Clock clock, PipelineCatalog catalog, int deals) {
        this.sender = sender;
        this.clock = clock;
        this.catalog = catalog;
        this.deals = deals;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    SeedingReport seed() {
        long startedNanos = System.nanoTime();
        List<List<OpportunityCommand>> scripts = new DemoDeals(SEED, clock.instant(),
                catalog.require(PipelineCatalog.DEFAULT_PIPELINE)).scripts(deals);
        log.info("Demo seeding: {} deals over the past {} days, as {}", deals, DemoDeals.HISTORY.toDays(),
                DemoDeals.SEEDER.name());
        int created = 0;
        int alreadyPresent = 0;
        int commands = 0;
        int refused = 0;
        for (int i = 0; i < scripts.size(); i++) {
            List<OpportunityCommand> script = scripts.get(i);
            String dealId = script.get(0).opportunityId().value();
            for (int step = 0; step < script.size(); step++) {
                try {
                    sender.send(script.get(step), dealId + "-" + step, "demo-seed:" + dealId);
                    commands++;
                    if (step == 0) {
                        created++;
                    }
                } catch (LedgerException e) {
                    if (step == 0 && e.problemCode() == ProblemCode.OPPORTUNITY_EXISTS) {
                        alreadyPresent++;
                    } else {
                        // the rest of this deal's story depends on the refused step, so it stops here
                        refused++;
                        log.warn("Demo seeding: {} step {} refused, {}: {}", dealId, step, e.code(), e.getMessage());
                    }
                    break;
                }
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                log.info("Demo seeding: {}/{} deals ({} created, {} already there)", i + 1, scripts.size(), created,
                        alreadyPresent);
            }
        }
        SeedingReport report = new SeedingReport(scripts.size(), created, alreadyPresent, commands, refused);
        log.info("Demo seeding done in {} s: {} deals created with {} commands, {} already there, {} refused",
                Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds(), created, commands, alreadyPresent, refused);
        return report;
    }

    record SeedingReport(int deals, int created, int alreadyPresent, int commands, int refused) {
    }
}

package org.pipelineledger.command.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.command.opportunity.AddNote;
import org.pipelineledger.command.opportunity.ChangeAmount;
import org.pipelineledger.command.opportunity.ChangeCloseDate;
import org.pipelineledger.command.opportunity.ChangeOutlook;
import org.pipelineledger.command.opportunity.CreateOpportunity;
import org.pipelineledger.command.opportunity.MarkLost;
import org.pipelineledger.command.opportunity.MarkWon;
import org.pipelineledger.command.opportunity.MoveToStage;
import org.pipelineledger.command.opportunity.OpportunityCommand;
import org.pipelineledger.command.opportunity.ReassignOwner;
import org.pipelineledger.command.opportunity.Reopen;
import org.pipelineledger.command.opportunity.SetNextStep;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.ReversionReason;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.pipeline.PipelineDefinition;
import org.pipelineledger.pipeline.StageDefinition;

/**
 * Writes the life of each demo deal as the commands a sales team would have sent over the past six months. The
 * scripts depend only on the seed, the pipeline and "now", so the same deal ids always get the same story, and every
 * script is valid against the aggregate's rules: times strictly increase and never pass now, gated stages are
 * entered with an amount, a close date and (where the pipeline asks for one) a next step.
 */
final class DemoDeals {

    /** The seeder acts as an admin (only admins may backdate), and the events say so. */
    static final Actor SEEDER = Actor.admin("demo-seeder");

    static final Duration HISTORY = Duration.ofDays(182);

    private static final String[] OWNERS = {"rep", "rep", "rep", "rep2", "rep2", "rep2", "maria", "tom", "priya", "jonas"};
    private static final String[] OTHER_OWNERS = {"rep", "rep2", "maria", "tom", "priya", "jonas"};
    private static final String[] ACCOUNTS = {
        "Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Logistics", "Wayne Foods", "Hooli", "Vandelay Imports",
        "Soylent Energy", "Tyrell Robotics", "Cyberdyne Systems", "Wonka Confectionery", "Oscorp Labs", "Nakatomi Trading",
        "Gringotts Finance", "Monarch Airlines", "Pied Piper", "Dunder Mifflin", "Prestige Worldwide", "Massive Dynamic",
        "Aperture Science", "Black Mesa", "Blue Sun", "Rekall", "Weyland Mining", "Zorg Industries", "Ollivanders",
        "Sterling Cooper", "Bluth Company", "Kramerica"};
    private static final String[] PRODUCTS = {
        "platform renewal", "analytics add-on", "EMEA rollout", "pilot", "enterprise upgrade", "support contract",
        "data migration", "seat expansion", "security package", "onboarding services"};
    private static final String[] NEXT_STEPS = {
        "discovery call with IT", "send the proposal", "security questionnaire", "pricing review with finance",
        "demo for the leadership team", "legal redlines", "reference call", "technical workshop",
        "procurement kick-off", "follow up on budget approval"};
    private static final String[] NOTES = {
        "Champion is enthusiastic, economic buyer not engaged yet.", "Competitor is in the deal as well.",
        "Asked for a discount of 15%.", "Good call, they want a workshop next.", "Waiting for the security review.",
        "Budget confirmed for this quarter.", "New stakeholder from procurement joined."};
    private static final String[] REVERSION_NOTES = {
        "Requirements changed after their reorganisation.", "New VP wants to restart the evaluation.",
        "Budget moved to next fiscal year.", "Serious objection on data residency.", "No response for three weeks.",
        "We moved it forward too early; no confirmed pain.", "Scope is being renegotiated."};
    private static final String[] SLIP_REASONS = {
        "legal review takes longer", "waiting for budget sign-off", "customer holiday period", "procurement backlog",
        "decision maker out of office", null};
    private static final String[] PULL_IN_REASONS = {"they want it before quarter end", "budget freed up early", null};
    private static final String[] LOSS_REASONS = {
        "lost to a competitor", "no budget", "no decision", "price too high", "went with an in-house build"};

    private final Random random;
    private final Instant now;
    private final PipelineDefinition pipeline;

    DemoDeals(long seed, Instant now, PipelineDefinition pipeline) {
        this.random = new Random(seed);
        this.now = now;
        this.pipeline = pipeline;
    }

    static OpportunityId idOf(int number) {
        return OpportunityId.of(String.format("demo-%04d", number));
    }

    List<List<OpportunityCommand>> scripts(int deals) {
        List<List<OpportunityCommand>> scripts = new ArrayList<>(deals);
        for (int number = 1; number <= deals; number++) {
            scripts.add(new Script(idOf(number)).write());
        }
        return scripts;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private int between(int fromInclusive, int toInclusive) {
        return fromInclusive + random.nextInt(toInclusive - fromInclusive + 1);
    }

    /** One deal's story, told by simulating the state the aggregate will have. */
    private final class Script {

        private final OpportunityId id;
        private final List<StageDefinition> stages = pipeline.stages();
        private final List<OpportunityCommand> commands = new ArrayList<>();
        private Instant time;
        private int stage;
        private BigDecimal amount;
        private LocalDate closeDate;
        private Outlook outlook;
        private boolean hasNextStep;
        private boolean open = true;

        Script(OpportunityId id) {
            this.id = id;
        }

        List<OpportunityCommand> write() {
            time = now.minus(HISTORY).plus(Duration.ofMinutes(random.nextInt((int) (HISTORY.toMinutes() * 95 / 100))));
            stage = random.nextInt(5) == 0 && stages.size() > 1 && !stages.get(1).entryCriteria().nextStep() ? 1 : 0;
            String account = pick(ACCOUNTS);
            amount = BigDecimal.valueOf(between(10, 500) * 500L);
            closeDate = today().plusDays(between(30, 120));
            outlook = random.nextInt(3) == 0 ? pick(Outlook.values()) : Outlook.NEUTRAL;
            commands.add(new CreateOpportunity(id, account + " " + pick(PRODUCTS), account, pick(OWNERS),
                    pipeline.key(), stages.get(stage).key(), amount, closeDate, outlook, SEEDER, time));
            hasNextStep = false;
            int steps = between(3, 16);
            for (int step = 0; step < steps && advanceClock(); step++) {
                if (open) {
                    act();
                } else if (random.nextInt(10) == 0) {
                    reopen();
                } else {
                    break;
                }
            }
            return commands;
        }

        private boolean advanceClock() {
            Instant next = time.plus(Duration.ofHours(between(2, 24 * 14)));
            if (next.isAfter(now)) {
                return false;
            }
            time = next;
            return true;
        }

        private LocalDate today() {
            return LocalDate.ofInstant(time, ZoneOffset.UTC);
        }

        private void act() {
            boolean last = stage == stages.size() - 1;
            if (closeDate.isBefore(today()) && random.nextInt(4) > 0) {
                slip();
                return;
            }
            int roll = random.nextInt(100);
            if (last && roll < 30) {
                win();
            } else if (last && roll < 45) {
                lose();
            } else if (roll < 40) {
                advance();
            } else if (roll < 48) {
                revert();
            } else if (roll < 60) {
                slip();
            } else if (roll < 64) {
                pullIn();
            } else if (roll < 74) {
                changeOutlook();
            } else if (roll < 81) {
                changeAmount();
            } else if (roll < 91) {
                setNextStep();
            } else if (roll < 96) {
                commands.add(new AddNote(id, pick(NOTES), null, SEEDER, time));
            } else if (roll < 98) {
                reassign();
            } else {
                lose();
            }
        }

        private void advance() {
            if (stage == stages.size() - 1) {
                win();
                return;
            }
            int target = Math.min(stages.size() - 1, stage + (random.nextInt(5) == 0 ? 2 : 1));
            if (stages.get(target).entryCriteria().nextStep() && !hasNextStep) {
                setNextStep();
                if (!advanceClock()) {
                    return;
                }
            }
            commands.add(new MoveToStage(id, stages.get(target).key(), null, null, null, SEEDER, time));
            stage = target;
        }

        private void revert() {
            if (stage == 0) {
                setNextStep();
                return;
            }
            int target = random.nextInt(stage);
            commands.add(new MoveToStage(id, stages.get(target).key(), pick(ReversionReason.values()),
                    pick(REVERSION_NOTES), null, SEEDER, time));
            stage = target;
        }

        private void slip() {
            LocalDate to = (closeDate.isBefore(today()) ? today() : closeDate).plusDays(between(7, 45));
            commands.add(new ChangeCloseDate(id, to, pick(SLIP_REASONS), null, SEEDER, time));
            closeDate = to;
        }

        private void pullIn() {
            LocalDate to = closeDate.minusDays(between(3, 21));
            if (!to.isAfter(today().plusDays(2))) {
                slip();
                return;
            }
            commands.add(new ChangeCloseDate(id, to, pick(PULL_IN_REASONS), null, SEEDER, time));
            closeDate = to;
        }

        private void changeOutlook() {
            Outlook to = Outlook.values()[(outlook.ordinal() + between(1, 3)) % Outlook.values().length];
            commands.add(new ChangeOutlook(id, to, random.nextBoolean() ? pick(NOTES) : null, null, SEEDER, time));
            outlook = to;
        }

        private void changeAmount() {
            BigDecimal to = BigDecimal.valueOf(Math.max(1, amount.longValue() * between(60, 140) / 100 / 500) * 500L);
            if (to.compareTo(amount) == 0) {
                to = to.add(BigDecimal.valueOf(500));
            }
            commands.add(new ChangeAmount(id, to, random.nextBoolean() ? "scope changed" : "revised quote", null,
                    SEEDER, time));
            amount = to;
        }

        private void setNextStep() {
            commands.add(new SetNextStep(id, pick(NEXT_STEPS), today().plusDays(between(2, 14)), null, SEEDER, time));
            hasNextStep = true;
        }

        private void reassign() {
            String to = pick(OTHER_OWNERS);
            if (to.equals(ownerOf())) {
                setNextStep();
                return;
            }
            commands.add(new ReassignOwner(id, to, null, SEEDER, time));
        }

        private String ownerOf() {
            String owner = ((CreateOpportunity) commands.get(0)).owner();
            for (OpportunityCommand command : commands) {
                if (command instanceof ReassignOwner reassign) {
                    owner = reassign.owner();
                }
            }
            return owner;
        }

        private void win() {
            commands.add(new MarkWon(id, random.nextBoolean() ? "signed" : null, null, SEEDER, time));
            open = false;
        }

        private void lose() {
            commands.add(new MarkLost(id, pick(LOSS_REASONS), null, null, SEEDER, time));
            open = false;
        }

        private void reopen() {
            int target = random.nextInt(stages.size());
            if (stages.get(target).entryCriteria().nextStep() && !hasNextStep) {
                target = 0;
            }
            commands.add(new Reopen(id, stages.get(target).key(), "customer came back with a new budget", null,
                    SEEDER, time));
            stage = target;
            open = true;
        }
    }
}

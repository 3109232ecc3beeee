package org.pipelineledger.query.asof;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.CloseDatePulledIn;
import org.pipelineledger.events.CloseDateSlipped;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.NextStepSet;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.OutlookChanged;
import org.pipelineledger.events.OwnerReassigned;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.query.support.JdbcValues;

/**
 * The one fold of a deal's events into its state (ADR 0016, docs/as-of.md): what the board's projection does to a
 * deal's row, event by event, without a database, so that a deal as of any instant and the timeline are computed from
 * the event store by the same rules. Pure: no Spring, no clock.
 */
public final class DealFold {

    private DealFold() {
    }

    /**
     * The state after {@code event}, the deal's event number {@code sequence}, given the state before it ({@code null}
     * before the deal's first event). An event other than the creation before any state is refused: a stream always
     * starts with its creation.
     */
    public static DealState apply(DealState before, OpportunityEvent event, long sequence) {
        if (event instanceof OpportunityCreated created) {
            Money amount = created.amount();
            DealProfile profile = created.profile() == null || created.profile().isEmpty() ? null : created.profile();
            return new DealState(created.opportunityId().value(), created.name(), created.account(), created.owner(),
                    created.pipeline(), created.stage().value(), DealStatus.OPEN, amountOf(amount),
                    amount == null ? null : amount.currency(), created.closeDate(), created.outlook(), null, null,
                    created.occurredAt(), created.occurredAt(), null, sequence, profile);
        }
        Objects.requireNonNull(before, () -> "a deal's first event must be its creation, not " + event);
        Change change = new Change(before, sequence);
        if (event instanceof StageAdvanced advanced) {
            change.enter(advanced.to().value(), advanced.occurredAt());
        } else if (event instanceof StageReverted reverted) {
            change.enter(reverted.to().value(), reverted.occurredAt());
        } else if (event instanceof OpportunityReopened reopened) {
            change.enter(reopened.stage().value(), reopened.occurredAt());
        } else if (event instanceof CloseDateSlipped slipped) {
            change.closeDate = slipped.to();
        } else if (event instanceof CloseDatePulledIn pulledIn) {
            change.closeDate = pulledIn.to();
        } else if (event instanceof OutlookChanged outlook) {
            change.outlook = outlook.to();
        } else if (event instanceof AmountChanged amount) {
            change.amount(amount.to());
        } else if (event instanceof NextStepSet nextStep) {
            change.nextStep = nextStep.description();
            change.nextStepDue = nextStep.dueDate();
        } else if (event instanceof OwnerReassigned reassigned) {
            change.owner = reassigned.to();
        } else if (event instanceof OpportunityWon won) {
            change.close(DealStatus.WON, won.occurredAt(), won.amount());
        } else if (event instanceof OpportunityLost lost) {
            change.close(DealStatus.LOST, lost.occurredAt(), lost.amount());
        } else if (!(event instanceof NoteAdded)) {
            // the interface is sealed: a new event type must be taught here, or the fold would silently skip it
            throw new IllegalArgumentException("no fold for " + event.getClass().getSimpleName());
        }
        // a note changes nothing on the deal but its version
        return change.state();
    }

    /** The states after each event of a whole stream, in order. */
    public static List<DealState> states(List<? extends OpportunityEvent> events) {
        List<DealState> states = new ArrayList<>(events.size());
        DealState state = null;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            state = apply(state, events.get(sequence), sequence);
            states.add(state);
        }
        return states;
    }

    /**
     * The fields whose value differs between {@code before} ({@code null}: before the deal existed, so every field
     * that has a value) and {@code after}, in the order of {@link DealState}'s fields; amounts compared by value.
     */
    public static List<FieldChange> changes(DealState before, DealState after) {
        Map<String, Object> old = before == null ? null : before.fields();
        List<FieldChange> changes = new ArrayList<>();
        after.fields().forEach((field, value) -> {
            Object was = old == null ? null : old.get(field);
            if (!same(was, value)) {
                changes.add(new FieldChange(field, was, value));
            }
        });
        return List.copyOf(changes);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    private static BigDecimal amountOf(Money money) {
        return money == null ? null : JdbcValues.plain(money.amount());
    }

    /** The fields of a state being changed by one event; name, account, pipeline and creation never change. */
    private static final class Change {
        private final DealState before;
        private final long sequence;
        private String owner;
        private String stage;
        private DealStatus status;
        private BigDecimal amount;
        private String currency;
        private LocalDate closeDate;
        private Outlook outlook;
        private String nextStep;
        private LocalDate nextStepDue;
        private Instant stageEnteredAt;
        private Instant closedAt;

        Change(DealState before, long sequence) {
            this.before = before;
            this.sequence = sequence;
            owner = before.owner();
            stage = before.stage();
            status = before.status();
            amount = before.amount();
            currency = before.currency();
            closeDate = before.closeDate();
            outlook = before.outlook();
            nextStep = before.nextStep();
            nextStepDue = before.nextStepDue();
            stageEnteredAt = before.stageEnteredAt();
            closedAt = before.closedAt();
        }

        /** Moved to {@code stage}: forward, back, or reopened there (as the board's {@code BoardDeal.enter}). */
        void enter(String to, Instant at) {
            status = DealStatus.OPEN;
            stage = to;
            stageEnteredAt = at;
            closedAt = null;
        }

        /** Won or lost, for its final amount if the event names one. */
        void close(DealStatus closed, Instant at, Money finalAmount) {
            status = closed;
            closedAt = at;
            if (finalAmount != null) {
                amount(finalAmount);
            }
        }

        void amount(Money money) {
            amount = amountOf(money);
            currency = money == null ? null : money.currency();
        }

        DealState state() {
            return new DealState(before.id(), before.name(), before.account(), owner, before.pipeline(), stage, status,
                    amount, currency, closeDate, outlook, nextStep, nextStepDue, stageEnteredAt, before.createdAt(),
                    closedAt, sequence, before.profile());
        }
    }
}

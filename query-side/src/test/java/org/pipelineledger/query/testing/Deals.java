package org.pipelineledger.query.testing;

import java.time.Instant;
import java.time.LocalDate;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Money;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.Outlook;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageKey;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.events.ReversionReason;

/** Short-hand events for projection tests, in the default pipeline and USD unless said otherwise. */
public final class Deals {

    /** Day 0 of the test calendar: 2025-01-01T09:00Z. */
    public static final Instant DAY_0 = Instant.parse("2025-01-01T09:00:00Z");

    private Deals() {
    }

    public static Instant day(double days) {
        return DAY_0.plusSeconds(Math.round(days * 86_400));
    }

    public static OpportunityId id(String id) {
        return OpportunityId.of(id);
    }

    public static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    public static OpportunityCreated created(String id, String stage, Instant at) {
        return createdIn("default", id, stage, at);
    }

    public static OpportunityCreated createdIn(String pipeline, String id, String stage, Instant at) {
        return new OpportunityCreated(id(id), "Deal " + id, "Account of " + id, "rep", pipeline, StageKey.of(stage),
                usd("1000"), LocalDate.parse("2025-06-30"), Outlook.NEUTRAL, at);
    }

    public static OpportunityCreated created(String id, String owner, String stage, Money amount, LocalDate closeDate,
                                             Instant at) {
        return new OpportunityCreated(id(id), "Deal " + id, "Account of " + id, owner, "default", StageKey.of(stage),
                amount, closeDate, Outlook.NEUTRAL, at);
    }

    public static StageAdvanced advanced(String id, String from, String to, Instant at) {
        return new StageAdvanced(id(id), StageKey.of(from), StageKey.of(to), at);
    }

    public static StageReverted reverted(String id, String from, String to, ReversionReason reason, Instant at) {
        return new StageReverted(id(id), StageKey.of(from), StageKey.of(to), reason, "because " + reason, at);
    }

    public static OpportunityWon won(String id, String from, Instant at) {
        return new OpportunityWon(id(id), StageKey.of(from), usd("1000"), "signed", at);
    }

    public static OpportunityLost lost(String id, String from, Instant at) {
        return new OpportunityLost(id(id), StageKey.of(from), usd("1000"), "competitor", null, at);
    }

    public static OpportunityReopened reopened(String id, DealStatus previous, String stage, Instant at) {
        return new OpportunityReopened(id(id), previous, StageKey.of(stage), "back in play", at);
    }
}

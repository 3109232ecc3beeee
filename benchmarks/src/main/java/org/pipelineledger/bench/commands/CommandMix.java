package org.pipelineledger.bench.commands;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.pipelineledger.command.opportunity.Actor;
import org.pipelineledger.command.opportunity.AddNote;
import org.pipelineledger.command.opportunity.ChangeAmount;
import org.pipelineledger.command.opportunity.ChangeCloseDate;
import org.pipelineledger.command.opportunity.ChangeOutlook;
import org.pipelineledger.command.opportunity.CreateOpportunity;
import org.pipelineledger.command.opportunity.OpportunityCommand;
import org.pipelineledger.events.OpportunityId;
import org.pipelineledger.events.Outlook;

/**
 * The command mix of the command benchmarks, in process and over HTTP: each command appends exactly one event
 * (NoteAdded, OutlookChanged, CloseDateSlipped, AmountChanged, in rotation per deal). The n-th command on a deal is
 * decided by the deal's own counter, so the mix stays valid when several client threads hit the same deal, even if
 * two of their commands swap places: consecutive outlooks, dates and amounts always differ.
 */
public final class CommandMix {

    static final Actor ACTOR = Actor.admin("bench");
    private static final Outlook[] OUTLOOKS = {Outlook.POSITIVE, Outlook.CAUTIOUS, Outlook.NEGATIVE, Outlook.NEUTRAL};
    private static final LocalDate FIRST_CLOSE_DATE = LocalDate.of(2027, 1, 15);
    private static final String NOTE = "Spoke with procurement: they need the security questionnaire and two references "
            + "before the end of the quarter; champion is positive, budget holder not yet engaged.";

    private CommandMix() {
    }

    /** {@code cmd-} and the deal number padded to six digits, without String.format: it showed in the client's profile. */
    public static String dealId(int deal) {
        String digits = Integer.toString(deal);
        return digits.length() >= 6 ? "cmd-" + digits : "cmd-" + "000000".substring(digits.length()) + digits;
    }

    public static CreateOpportunity create(int deal) {
        return new CreateOpportunity(OpportunityId.of(dealId(deal)), "Deal " + deal, "Account " + (deal % 997),
                null, null, null, BigDecimal.valueOf(10_000), FIRST_CLOSE_DATE, null, ACTOR, null);
    }

    /** The {@code n}-th (0-based) command on the deal. */
    public static OpportunityCommand command(int deal, long n) {
        OpportunityId id = OpportunityId.of(dealId(deal));
        long round = n / 4;
        return switch ((int) (n % 4)) {
            case 0 -> new AddNote(id, NOTE, null, ACTOR, null);
            case 1 -> new ChangeOutlook(id, OUTLOOKS[(int) (round % OUTLOOKS.length)], null, null, ACTOR, null);
            case 2 -> new ChangeCloseDate(id, FIRST_CLOSE_DATE.plusDays(round + 1), "customer legal review", null, ACTOR, null);
            default -> new ChangeAmount(id, BigDecimal.valueOf(10_000 + (round + 1) * 10), "scope change", null, ACTOR, null);
        };
    }

    /** The same command as an HTTP request of issue 2's API: the path under /api and its JSON body. */
    public static HttpCommand http(int deal, long n) {
        String base = "/api/opportunities/" + dealId(deal);
        long round = n / 4;
        return switch ((int) (n % 4)) {
            case 0 -> new HttpCommand(base + "/notes", "{\"text\":\"" + NOTE + "\"}");
            case 1 -> new HttpCommand(base + "/outlook", "{\"outlook\":\"" + OUTLOOKS[(int) (round % OUTLOOKS.length)] + "\"}");
            case 2 -> new HttpCommand(base + "/close-date",
                    "{\"closeDate\":\"" + FIRST_CLOSE_DATE.plusDays(round + 1) + "\",\"reason\":\"customer legal review\"}");
            default -> new HttpCommand(base + "/amount",
                    "{\"amount\":" + (10_000 + (round + 1) * 10) + ",\"reason\":\"scope change\"}");
        };
    }

    public static HttpCommand httpCreate(int deal) {
        return new HttpCommand("/api/opportunities", "{\"id\":\"" + dealId(deal) + "\",\"name\":\"Deal " + deal
                + "\",\"account\":\"Account " + (deal % 997) + "\",\"amount\":10000,\"closeDate\":\"" + FIRST_CLOSE_DATE + "\"}");
    }

    /** @param path path under the server root; @param json request body */
    public record HttpCommand(String path, String json) {
    }
}

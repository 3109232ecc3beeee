package org.pipelineledger.query.testing;

import static org.pipelineledger.query.testing.Deals.advanced;
import static org.pipelineledger.query.testing.Deals.created;
import static org.pipelineledger.query.testing.Deals.day;
import static org.pipelineledger.query.testing.Deals.id;
import static org.pipelineledger.query.testing.Deals.lost;
import static org.pipelineledger.query.testing.Deals.reopened;
import static org.pipelineledger.query.testing.Deals.reverted;
import static org.pipelineledger.query.testing.Deals.usd;
import static org.pipelineledger.query.testing.Deals.won;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.pipelineledger.events.AmountChanged;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.NoteAdded;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.ReversionReason;

/** Seeded random histories of the default pipeline's deals, for tests of read models at some scale. */
public final class RandomHistory {

    private static final List<String> STAGES = List.of("PROSPECTING", "QUALIFIED", "DISCOVERY", "PROPOSAL",
            "NEGOTIATION");

    private RandomHistory() {
    }

    /** Deals created over a year, each moving forward and back, changing amount, closing and reopening at random. */
    public static List<OpportunityEvent> of(int deals, long seed) {
        Random random = new Random(seed);
        List<List<OpportunityEvent>> perDeal = new ArrayList<>();
        for (int d = 0; d < deals; d++) {
            String id = "deal-" + d;
            List<OpportunityEvent> events = new ArrayList<>();
            double t = random.nextDouble() * 100;
            int stage = random.nextInt(2);
            BigDecimal amount = BigDecimal.valueOf(500 + random.nextInt(50_000), 2);
            events.add(created(id, "rep", STAGES.get(stage), usd(amount.toPlainString()), null, day(t)));
            DealStatus status = DealStatus.OPEN;
            int moves = random.nextInt(8);
            for (int m = 0; m < moves; m++) {
                t += 0.5 + random.nextDouble() * 20;
                int dice = random.nextInt(10);
                if (status != DealStatus.OPEN) {
                    stage = random.nextInt(STAGES.size());
                    events.add(reopened(id, status, STAGES.get(stage), day(t)));
                    status = DealStatus.OPEN;
                } else if (dice < 3 && stage < STAGES.size() - 1) {
                    events.add(advanced(id, STAGES.get(stage), STAGES.get(++stage), day(t)));
                } else if (dice < 5 && stage > 0) {
                    events.add(reverted(id, STAGES.get(stage), STAGES.get(--stage), ReversionReason.BUDGET, day(t)));
                } else if (dice < 7) {
                    BigDecimal to = BigDecimal.valueOf(500 + random.nextInt(90_000), 2);
                    events.add(new AmountChanged(id(id), usd(amount.toPlainString()), usd(to.toPlainString()), null,
                            day(t)));
                    amount = to;
                } else if (dice == 7) {
                    events.add(won(id, STAGES.get(stage), day(t)));
                    status = DealStatus.WON;
                } else if (dice == 8) {
                    events.add(lost(id, STAGES.get(stage), day(t)));
                    status = DealStatus.LOST;
                } else {
                    events.add(new NoteAdded(id(id), "call", day(t)));
                }
            }
            perDeal.add(events);
        }
        // interleave the deals' histories, each deal's own events in order, as the event store would hold them
        List<OpportunityEvent> interleaved = new ArrayList<>();
        Map<Integer, Integer> next = new HashMap<>();
        List<Integer> pending = new ArrayList<>(IntStream.range(0, deals).boxed().toList());
        while (!pending.isEmpty()) {
            int pick = random.nextInt(pending.size());
            int deal = pending.get(pick);
            int index = next.merge(deal, 1, Integer::sum) - 1;
            interleaved.add(perDeal.get(deal).get(index));
            if (index + 1 == perDeal.get(deal).size()) {
                pending.remove(pick);
            }
        }
        return interleaved;
    }
}

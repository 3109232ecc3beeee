package org.pipelineledger.query.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pipelineledger.events.OpportunityCreated;
import org.pipelineledger.events.OpportunityEvent;
import org.pipelineledger.events.OpportunityLost;
import org.pipelineledger.events.OpportunityReopened;
import org.pipelineledger.events.OpportunityWon;
import org.pipelineledger.events.StageAdvanced;
import org.pipelineledger.events.StageReverted;
import org.pipelineledger.query.support.Days;

/**
 * The stays a history completes, worked out here on their own and not by the projection: a stay ends when an open
 * deal moves to another stage or is won or lost from it.
 */
final class CompletedStays {

    record Stay(String opportunityId, long endedSeq, String pipeline, String stage, long seconds) {
    }

    private CompletedStays() {
    }

    static List<Stay> of(List<OpportunityEvent> history) {
        record Open(String pipeline, String stage, Instant since) {
        }
        Map<String, Open> open = new HashMap<>();
        Map<String, String> pipelines = new HashMap<>();
        Map<String, Long> sequence = new HashMap<>();
        List<Stay> stays = new ArrayList<>();
        for (OpportunityEvent event : history) {
            String id = event.opportunityId().value();
            long seq = sequence.merge(id, 1L, Long::sum) - 1;
            String next; // the stage the deal is in after the event; null: closed
            if (event instanceof OpportunityCreated created) {
                pipelines.put(id, created.pipeline());
                next = created.stage().value();
            } else if (event instanceof StageAdvanced advanced) {
                next = advanced.to().value();
            } else if (event instanceof StageReverted reverted) {
                next = reverted.to().value();
            } else if (event instanceof OpportunityReopened reopened) {
                next = reopened.stage().value();
            } else if (event instanceof OpportunityWon || event instanceof OpportunityLost) {
                next = null;
            } else {
                continue;
            }
            Open ended = open.remove(id);
            if (ended != null) {
                stays.add(new Stay(id, seq, ended.pipeline(), ended.stage(),
                        Days.secondsBetween(ended.since(), event.occurredAt())));
            }
            if (next != null) {
                open.put(id, new Open(pipelines.get(id), next, event.occurredAt()));
            }
        }
        return stays;
    }
}

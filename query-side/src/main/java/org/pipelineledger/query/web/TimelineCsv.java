package org.pipelineledger.query.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.query.asof.DealState;
import org.pipelineledger.query.asof.DealTimeline;
import org.pipelineledger.query.asof.FieldChange;

/**
 * A deal's timeline as CSV for an auditor's working papers, written as the flow metrics are ({@link FlowCsv}: RFC 4180,
 * and no cell a spreadsheet would run as a formula): one line per event, its times, who and which request, what it
 * said ({@code remarks}: {@code field: text}) and changed ({@code field: old -> new}, each separated by {@code ; }), its hash, and the deal's state after it, one column per
 * field (docs/as-of.md).
 */
final class TimelineCsv {

    private static final List<String> STATE = List.of("name", "account", "owner", "pipeline", "stage", "status",
            "amount", "currency", "closeDate", "outlook", "nextStep", "nextStepDue", "stageEnteredAt", "createdAt",
            "closedAt", "product", "team", "region", "accountSector", "accountEmployees");

    private TimelineCsv() {
    }

    static String of(DealTimeline timeline) {
        List<String> header = new ArrayList<>(List.of("deal", "sequence", "type", "occurredAt", "recordedAt", "actor",
                "requestId", "correlationId", "remarks", "changes", "hash", "chainedBy"));
        header.addAll(STATE);
        return FlowCsv.csv(header, timeline.events().stream().map(entry -> {
            List<Object> row = new ArrayList<>(List.of(cell(timeline.id()), entry.sequence(), entry.type(),
                    cell(entry.occurredAt()), cell(entry.recordedAt()), cell(entry.actor()), cell(entry.requestId()),
                    cell(entry.correlationId()), cell(remarks(entry.remarks())), cell(changes(entry.changes())), cell(entry.hash()),
                    cell(entry.chainedBy())));
            row.addAll(state(entry.state()));
            return row;
        }));
    }

    private static String remarks(Map<String, String> remarks) {
        return remarks.entrySet().stream().map(remark -> remark.getKey() + ": " + remark.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String changes(List<FieldChange> changes) {
        return changes.stream().map(change -> change.field() + ": " + value(change.from()) + " -> "
                + value(change.to())).collect(Collectors.joining("; "));
    }

    private static List<Object> state(DealState state) {
        DealProfile profile = state.profile() == null ? DealProfile.NONE : state.profile();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", state.name());
        fields.put("account", state.account());
        fields.put("owner", state.owner());
        fields.put("pipeline", state.pipeline());
        fields.put("stage", state.stage());
        fields.put("status", state.status());
        fields.put("amount", state.amount());
        fields.put("currency", state.currency());
        fields.put("closeDate", state.closeDate());
        fields.put("outlook", state.outlook());
        fields.put("nextStep", state.nextStep());
        fields.put("nextStepDue", state.nextStepDue());
        fields.put("stageEnteredAt", state.stageEnteredAt());
        fields.put("createdAt", state.createdAt());
        fields.put("closedAt", state.closedAt());
        fields.put("product", profile.product());
        fields.put("team", profile.team());
        fields.put("region", profile.region());
        fields.put("accountSector", profile.accountSector());
        fields.put("accountEmployees", profile.accountEmployees());
        return STATE.stream().map(name -> (Object) cell(fields.get(name))).toList();
    }

    /** A value as the JSON shows it: plain decimals, ISO dates and instants, enum names; empty for none. */
    private static String value(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof DealProfile profile) {
            return "product=" + text(profile.product()) + ", team=" + text(profile.team()) + ", region="
                    + text(profile.region()) + ", accountSector=" + text(profile.accountSector())
                    + ", accountEmployees=" + (profile.accountEmployees() == null ? "" : profile.accountEmployees());
        }
        return value.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** Every cell that can hold what a user typed is guarded against formulas. */
    private static String cell(Object value) {
        return FlowCsv.text(value(value));
    }
}

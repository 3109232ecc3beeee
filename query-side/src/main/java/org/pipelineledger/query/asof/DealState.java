package org.pipelineledger.query.asof;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pipelineledger.events.DealProfile;
import org.pipelineledger.events.DealStatus;
import org.pipelineledger.events.Outlook;

/**
 * One deal's state after some prefix of its events ({@link DealFold}): the fields of the board's summary of a deal,
 * and the profile it was created with.
 *
 * @param stage    the stage it is in, or for a closed deal the stage it was won or lost from
 * @param closedAt when it was won or lost; {@code null} while open
 * @param version  sequence number of the last event folded in
 * @param profile  what the deal was created with for the metrics (product, team, region, sector, employees);
 *                 {@code null} when it was created without one
 */
public record DealState(
        String id,
        String name,
        String account,
        String owner,
        String pipeline,
        String stage,
        DealStatus status,
        BigDecimal amount,
        String currency,
        LocalDate closeDate,
        Outlook outlook,
        String nextStep,
        LocalDate nextStepDue,
        Instant stageEnteredAt,
        Instant createdAt,
        Instant closedAt,
        long version,
        DealProfile profile) {

    /** The fields an event can change, by name as in the JSON, in declaration order; the version is not one. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("account", account);
        fields.put("owner", owner);
        fields.put("pipeline", pipeline);
        fields.put("stage", stage);
        fields.put("status", status);
        fields.put("amount", amount);
        fields.put("currency", currency);
        fields.put("closeDate", closeDate);
        fields.put("outlook", outlook);
        fields.put("nextStep", nextStep);
        fields.put("nextStepDue", nextStepDue);
        fields.put("stageEnteredAt", stageEnteredAt);
        fields.put("createdAt", createdAt);
        fields.put("closedAt", closedAt);
        fields.put("profile", profile);
        return fields;
    }

    boolean isOpen() {
        return status == DealStatus.OPEN;
    }
}

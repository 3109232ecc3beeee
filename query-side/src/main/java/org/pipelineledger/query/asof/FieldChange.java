package org.pipelineledger.query.asof;

/**
 * One field an event changed: its value before the event ({@code null}: none) and after it.
 *
 * @param field the field's name, as in {@link DealState} and the API's JSON
 */
public record FieldChange(String field, Object from, Object to) {
}

package org.pipelineledger.app.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Turns the reasons a request cannot be read into sentences a client can act on: which field, what was expected,
 * what came instead. Never echoes Java class names or stack details.
 */
final class Describe {

    /** Echoed values are shortened so that a problem never carries a large chunk of the request back. */
    private static final int MAX_ECHOED_VALUE = 80;

    private Describe() {
    }

    /** What a JSON reader failure means for the client, with the offending field when there is one. */
    record UnreadableBody(String detail, String field) {
    }

    static UnreadableBody unreadableBody(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof JsonParseException parse) {
            return new UnreadableBody("The request body is not valid JSON: " + parse.getOriginalMessage()
                    + at(parse.getLocation()) + ".", null);
        }
        if (cause instanceof JsonMappingException mapping) {
            String field = pathOf(mapping);
            return new UnreadableBody(describeMapping(mapping, field), field);
        }
        String message = ex.getMessage();
        if (cause == null && message != null && message.startsWith("Required request body is missing")) {
            return new UnreadableBody("The request body is missing.", null);
        }
        return new UnreadableBody("The request body could not be read as JSON.", null);
    }

    private static String describeMapping(JsonMappingException ex, String field) {
        String subject = field == null ? "The request body" : "Field '" + field + "'";
        if (ex instanceof ValueInstantiationException instantiation) {
            // our value types (StageKey, OpportunityId, Money) refuse bad input with a message written for people
            Throwable reason = instantiation.getCause();
            if (reason instanceof IllegalArgumentException && reason.getMessage() != null) {
                return subject + " is invalid: " + reason.getMessage() + ".";
            }
            return subject + " is invalid.";
        }
        if (ex instanceof UnrecognizedPropertyException) {
            return "Field '" + field + "' is not known here.";
        }
        if (ex instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            return subject + " must be " + expected(target) + "; got " + echo(format.getValue()) + ".";
        }
        if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return subject + " must be " + expected(mismatch.getTargetType()) + ".";
        }
        return subject + " could not be read.";
    }

    /** A JSON-facing name for what a Java type accepts. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "a timestamp (ISO-8601, e.g. 2025-03-01T09:30:00Z)";
        }
        if (type == BigDecimal.class || Number.class.isAssignableFrom(type)
                || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    static String echo(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        if (text.length() > MAX_ECHOED_VALUE) {
            text = text.substring(0, MAX_ECHOED_VALUE) + "...";
        }
        return value instanceof CharSequence ? "'" + text + "'" : text;
    }

    /** {@code lines[2].amount} for a JSON path of field names and array indexes. */
    private static String pathOf(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : ex.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}

package org.pipelineledger.app.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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
        JsonMappingException mapping = cause instanceof JsonMappingException wrapper ? wrapper : null;
        // a failure to read a value inside the body arrives wrapped in a mapping exception that knows only the path
        Throwable reason = mapping != null && isReadFailure(mapping.getCause()) ? mapping.getCause() : cause;
        if (isReadFailure(reason)) {
            JsonProcessingException read = (JsonProcessingException) reason;
            String field = fieldAt(read);
            if (field == null && mapping != null) {
                field = pathOf(mapping);
            }
            return describeRead(read, field);
        }
        if (mapping != null) {
            String field = pathOf(mapping);
            return new UnreadableBody(describeMapping(mapping, field), field);
        }
        String message = ex.getMessage();
        if (cause == null && message != null && message.startsWith("Required request body is missing")) {
            return new UnreadableBody("The request body is missing.", null);
        }
        return new UnreadableBody("The request body could not be read as JSON.", null);
    }

    /** A failure of the JSON reader itself (syntax, limits, number ranges), not of binding a value to a type. */
    private static boolean isReadFailure(Throwable ex) {
        return ex instanceof JsonProcessingException && !(ex instanceof JsonMappingException);
    }

    /**
     * Jackson's own messages name its features, constraints and Java types, so they are never passed on; the few
     * failures a client can fix get a sentence of their own. Jackson marks a duplicate key and a NaN or Infinity
     * only in its message, which is read here but never echoed.
     */
    private static UnreadableBody describeRead(JsonProcessingException ex, String field) {
        String message = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
        String subject = field == null ? "The request body" : "Field '" + field + "'";
        if (ex instanceof InputCoercionException coercion) {
            return new UnreadableBody(subject + " must be " + rangeOf(coercion.getTargetType()) + ".", field);
        }
        if (ex instanceof StreamConstraintsException || ex instanceof FieldNamingJsonFactory.ReadLimitExceeded) {
            return describeLimit(ex, message, field);
        }
        if (message.startsWith("Duplicate field") && field != null) {
            return new UnreadableBody("Field '" + field + "' appears more than once; give every field once.", field);
        }
        if (message.startsWith("Non-standard token") && field != null) {
            return new UnreadableBody(subject + " must be a number; NaN and Infinity are not numbers in JSON.",
                    field);
        }
        return new UnreadableBody("The request body is not valid JSON" + at(ex.getLocation()) + ".", null);
    }

    /**
     * Jackson's limits differ only in their messages. Within the body limit only two can be reached by a request
     * the commands' types would read that far: the digits of a number and the length of a field name.
     */
    private static UnreadableBody describeLimit(JsonProcessingException ex, String message, String field) {
        StreamReadConstraints constraints = ex.getProcessor() instanceof JsonParser parser
                ? parser.streamReadConstraints()
                : StreamReadConstraints.defaults();
        if (message.startsWith("Number")) {
            String subject = field == null ? "A number in the request body" : "Field '" + field + "'";
            return new UnreadableBody(subject + " must be a number of at most " + constraints.getMaxNumberLength()
                    + " digits.", field);
        }
        // a name that is too long is not the field it would have named
        if (message.startsWith("Name")) {
            return new UnreadableBody("The request body has a field name longer than "
                    + constraints.getMaxNameLength() + " characters.", null);
        }
        return new UnreadableBody("The request body holds a value larger than this server reads.", null);
    }

    /** What a JSON integer may be for an integral target type, without naming the type. */
    private static String rangeOf(Class<?> type) {
        if (type == Long.class || type == long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Short.class || type == short.class) {
            return "a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        if (type == Byte.class || type == byte.class) {
            return "a whole number from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
        }
        return "a smaller number";
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
        if (ex instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "Field '" + field + "' is not known here" + (known.isEmpty() ? "" : "; the fields are " + known)
                    + ".";
        }
        if (ex instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            return subject + " must be " + expected(target) + "; got " + echo(format.getValue()) + ".";
        }
        if (ex instanceof MismatchedInputException && field == null && ex.getOriginalMessage() != null
                && ex.getOriginalMessage().startsWith("Trailing token")) {
            return "The request body must be a single JSON value; something follows it" + at(ex.getLocation()) + ".";
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
        if (isWholeNumber(type)) {
            return "a whole number";
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

    private static boolean isWholeNumber(Class<?> type) {
        return type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class || type == Byte.class || type == byte.class
                || type == BigInteger.class;
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

    /**
     * The field the reader was in when it failed, as {@code lines[2].amount}: a reader failure carries no path of its
     * own, but the parser still knows where it stood. Null at the top level.
     */
    private static String fieldAt(JacksonException ex) {
        if (!(ex.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inArray()) {
                steps.add("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            } else if (context.getCurrentName() != null) {
                steps.add(context.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (int i = steps.size() - 1; i >= 0; i--) {
            String step = steps.get(i);
            if (!path.isEmpty() && !step.startsWith("[")) {
                path.append('.');
            }
            path.append(step);
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

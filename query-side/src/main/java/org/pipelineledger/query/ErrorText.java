package org.pipelineledger.query;

import java.util.regex.Pattern;

/**
 * What a read model's failure says to the people who read the status and the dead letters: the root cause's message,
 * without the SQL statement the database quotes back and cut to a readable length. The full error, stack trace
 * included, is in the application log.
 */
final class ErrorText {

    static final int MAX_LENGTH = 300;

    /** H2 appends "; SQL statement:" and the statement; Spring quotes it as "SQL [...]". */
    private static final Pattern H2_STATEMENT = Pattern.compile("(?s);\\s*SQL statement:.*$");
    private static final Pattern SPRING_SQL = Pattern.compile("(?s)\\bSQL \\[.*?\\];?\\s*");

    private ErrorText() {
    }

    static String of(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        String text = SPRING_SQL.matcher(H2_STATEMENT.matcher(message).replaceFirst("")).replaceAll("")
                .replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }

    static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}

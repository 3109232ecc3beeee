package org.pipelineledger.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * The last batch each processor failed, so that the read models' status can say a processor is retrying. Axon's
 * pooled processor gives up a failed segment's claim and claims it again after a back-off; in between its status
 * shows no segment at all, let alone one in error. A failure stays current until the processor has projected past
 * the failed batch.
 */
@Component
class ProcessorFailures {

    /** One failed batch: what went wrong, when, and the global index of its last event (if known). */
    record Failure(String type, String message, Instant at, OptionalLong lastIndex) {
    }

    private final Map<String, Failure> latest = new ConcurrentHashMap<>();
    private final Clock wallClock = Clock.systemUTC();

    /** The processor's error handler: remembers the failure, then fails the batch as Axon's propagating handler does. */
    ErrorHandler errorHandler() {
        return context -> {
            record(context);
            PropagatingErrorHandler.instance().handleError(context);
        };
    }

    void record(ErrorContext context) {
        long last = -1;
        for (EventMessage<?> event : context.failedEvents()) {
            if (event instanceof TrackedEventMessage<?> tracked) {
                last = Math.max(last, tracked.trackingToken().position().orElse(-1));
            }
        }
        OptionalLong lastIndex = last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
        Throwable cause = ErrorText.rootCause(context.error());
        latest.put(context.eventProcessor(), new Failure(cause.getClass().getSimpleName(), ErrorText.of(cause),
                wallClock.instant(), lastIndex));
    }

    /**
     * The processor's failure that is still current at this position: it has not projected the failed batch's last
     * event yet (or the batch's position is unknown). A failure it has moved past is forgotten.
     */
    Optional<Failure> current(String processor, Long position) {
        Failure failure = latest.get(processor);
        if (failure == null) {
            return Optional.empty();
        }
        if (position != null && failure.lastIndex().isPresent() && position >= failure.lastIndex().getAsLong()) {
            latest.remove(processor, failure);
            return Optional.empty();
        }
        return Optional.of(failure);
    }

}

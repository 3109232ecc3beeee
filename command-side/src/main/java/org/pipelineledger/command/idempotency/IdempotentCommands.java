package org.pipelineledger.command.idempotency;

import java.util.Optional;
import org.axonframework.messaging.MetaData;
import org.pipelineledger.problem.LedgerException;
import org.pipelineledger.problem.ProblemCode;

/**
 * What the command sender asks about a command sent under an {@link IdempotencyKey}. The rules:
 * <ul>
 *   <li>Only an accepted command is recorded, in its own transaction (see {@link IdempotencyInterceptor}); the same
 *       user's key then answers every repetition of the same request with that first answer and appends nothing.</li>
 *   <li>The same key with another request (another body, path or method) is refused: 422
 *       {@code IDEMPOTENCY_KEY_REUSED}.</li>
 *   <li>A refused or failed command records nothing: the key stays free, and the request can be repeated with it and
 *       is decided again. It appended nothing, so a key still never causes a second append.</li>
 *   <li>When a keyed command fails and, by then, another request with the key has been accepted (the two raced), the
 *       failure is replaced by that request's answer; when the other one is still being handled, the answer is 409
 *       {@code IDEMPOTENCY_KEY_IN_USE}, and a repetition a moment later gets the first answer.</li>
 * </ul>
 */
public final class IdempotentCommands {

    /** Metadata keys of a keyed command, read by the interceptor; none of them is copied onto the events. */
    static final String PRINCIPAL = "idempotencyPrincipal";
    static final String KEY = "idempotencyKey";
    static final String FINGERPRINT = "idempotencyFingerprint";
    static final String OPPORTUNITY_ID = "idempotencyOpportunityId";

    private final IdempotencyRecords records;

    IdempotentCommands(IdempotencyRecords records) {
        this.records = records;
    }

    /**
     * The answer already recorded under the user's key, if any.
     *
     * @throws LedgerException 422 {@code IDEMPOTENCY_KEY_REUSED} when the key was used for another request
     */
    public Optional<RecordedAnswer> recorded(String principal, IdempotencyKey key) {
        return records.find(principal, key.key()).map(stored -> {
            if (!stored.fingerprint().equals(key.fingerprint())) {
                throw new LedgerException(ProblemCode.IDEMPOTENCY_KEY_REUSED, IdempotencyKey.HEADER + " '"
                        + key.key() + "' was already used for another request; use a new key for a new request");
            }
            return stored.answer();
        });
    }

    /**
     * The command's metadata with what the command bus needs to record its answer under the user's key.
     *
     * @param opportunityId the deal the answer names
     */
    public MetaData recordingUnder(MetaData metaData, String principal, IdempotencyKey key, String opportunityId) {
        return metaData.and(PRINCIPAL, principal)
                .and(KEY, key.key())
                .and(FINGERPRINT, key.fingerprint())
                .and(OPPORTUNITY_ID, opportunityId);
    }

    /**
     * A command sent under the user's key failed (was refused, lost the key to a concurrent request, or broke): the
     * answer of the request that has the key by now, if there is one.
     *
     * @return the recorded answer
     * @throws LedgerException 422 {@code IDEMPOTENCY_KEY_REUSED} when the key went to another request, 409
     *                         {@code IDEMPOTENCY_KEY_IN_USE} when a request with the key is still being handled
     * @throws RuntimeException the failure itself when no request has the key
     */
    public RecordedAnswer afterFailure(String principal, IdempotencyKey key, RuntimeException failure) {
        Optional<RecordedAnswer> answer;
        try {
            answer = recorded(principal, key);
        } catch (LedgerException reused) {
            throw reused;
        } catch (RuntimeException lookupFailed) {
            failure.addSuppressed(lookupFailed);
            throw failure;
        }
        if (answer.isPresent()) {
            return answer.get();
        }
        if (failure instanceof IdempotencyKeyTaken) {
            throw new LedgerException(ProblemCode.IDEMPOTENCY_KEY_IN_USE, "a request with " + IdempotencyKey.HEADER + " '"
                    + key.key() + "' is still being handled; repeat it in a moment to get its answer");
        }
        throw failure;
    }
}

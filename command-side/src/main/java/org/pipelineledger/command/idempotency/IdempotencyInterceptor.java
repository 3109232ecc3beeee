package org.pipelineledger.command.idempotency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.pipelineledger.command.idempotency.IdempotencyRecords.Claim;

/**
 * Records the answer of a command sent under an idempotency key, inside the command's unit of work: after the
 * handler has decided and before the unit of work commits, in the same Spring transaction in which its events are
 * appended. Either both are stored or neither is, so no crash can leave events whose key a retry would not find.
 * When the key is taken, the insert fails and the unit of work rolls back, events and all.
 */
final class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyRecords records;

    IdempotencyInterceptor(IdempotencyRecords records) {
        this.records = records;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Claim claim = claimOf(unitOfWork.getMessage().getMetaData());
        Object result = interceptorChain.proceed();
        if (claim != null) {
            if (!(result instanceof Long version)) {
                throw new IllegalStateException("a keyed command must answer with the deal's version, not " + result);
            }
            records.insert(claim, version);
        }
        return result;
    }

    private static Claim claimOf(MetaData metaData) {
        Object key = metaData.get(IdempotentCommands.KEY);
        if (key == null) {
            return null;
        }
        return new Claim(required(metaData, IdempotentCommands.PRINCIPAL), (String) key,
                required(metaData, IdempotentCommands.FINGERPRINT), required(metaData, IdempotentCommands.OPPORTUNITY_ID));
    }

    private static String required(MetaData metaData, String name) {
        if (!(metaData.get(name) instanceof String value)) {
            throw new IllegalStateException("a keyed command lacks its " + name);
        }
        return value;
    }
}

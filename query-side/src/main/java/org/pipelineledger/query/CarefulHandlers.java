package org.pipelineledger.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every event handler of a read model (a class with a {@link ProcessingGroup}), as {@link CarefulBatches} has it: in a
 * careful batch inside a savepoint of the batch's transaction (on PostgreSQL the savepoint is also what keeps a failed
 * statement from aborting the whole transaction); in any other batch as it is, spoiling the batch if it throws.
 */
@Component
class CarefulHandlers implements HandlerEnhancerDefinition {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final CarefulBatches batches;
    private final PlatformTransactionManager transactionManager;

    CarefulHandlers(CarefulBatches batches, PlatformTransactionManager transactionManager) {
        this.batches = batches;
        this.transactionManager = transactionManager;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean readModelEventHandler = original.annotationAttributes(EventHandler.class).isPresent()
                && AnnotatedElementUtils.hasAnnotation(original.declaringClass(), ProcessingGroup.class);
        return readModelEventHandler ? new Careful<>(original) : original;
    }

    private final class Careful<T> extends WrappedMessageHandlingMember<T> {

        private Careful(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!CarefulBatches.isBatch() || !TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
            }
            if (!batches.isCareful()) {
                try {
                    return super.handle(message, target);
                } catch (Exception e) {
                    batches.spoil(e);
                    throw e;
                }
            }
            TransactionStatus savepoint = transactionManager.getTransaction(NESTED);
            Object result;
            try {
                result = super.handle(message, target);
            } catch (Exception | Error e) {
                transactionManager.rollback(savepoint);
                throw e;
            }
            transactionManager.commit(savepoint);
            return result;
        }
    }
}

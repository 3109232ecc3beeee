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
 * Runs every event handler of a read model (a class with a {@link ProcessingGroup}) inside a savepoint of the
 * processor's batch transaction, so that a handler that fails leaves nothing behind: the dead-letter queue parks the
 * event (ADR 0012) and the rest of the batch, other deals and other read models, commits without the failed
 * handler's half-done writes. On PostgreSQL it is also what keeps the batch alive at all: a failed statement aborts the
 * whole transaction unless it is rolled back to a savepoint.
 * <p>
 * Outside a transaction (a test handing events over one by one) the handler runs as it is.
 */
@Component
class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactionManager;

    SavepointPerEvent(PlatformTransactionManager transactionManager) {
        this.transactionManager = transactionManager;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean readModelEventHandler = original.annotationAttributes(EventHandler.class).isPresent()
                && AnnotatedElementUtils.hasAnnotation(original.declaringClass(), ProcessingGroup.class);
        return readModelEventHandler ? new InSavepoint<>(original, transactionManager) : original;
    }

    private static final class InSavepoint<T> extends WrappedMessageHandlingMember<T> {

        private final PlatformTransactionManager transactionManager;

        private InSavepoint(MessageHandlingMember<T> delegate, PlatformTransactionManager transactionManager) {
            super(delegate);
            this.transactionManager = transactionManager;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
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

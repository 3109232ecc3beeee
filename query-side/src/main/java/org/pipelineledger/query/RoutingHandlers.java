package org.pipelineledger.query;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every event handler of a read model, routed (ADR 0019): in a processor's batch, the event goes to the version of the
 * read model's tables that processor writes, or is left alone when the rebuild applied it already (live processor)
 * or the rebuild is over (rebuild processor); see {@link Routing}. Outside a batch (a retried dead letter) the live
 * version is written.
 */
@Component
class RoutingHandlers implements HandlerEnhancerDefinition {

    /** Axon's pooled and tracking processors put the batch's segment under this key. */
    private static final Pattern SEGMENT_KEY = Pattern.compile("Processor\\[(.+)]/SegmentId");

    private final JdbcTemplate jdbc;

    RoutingHandlers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (original.annotationAttributes(EventHandler.class).isEmpty()) {
            return original;
        }
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(original.declaringClass(),
                ProcessingGroup.class);
        return group == null ? original : new Routed<>(original, group.value());
    }

    private final class Routed<T> extends WrappedMessageHandlingMember<T> {

        private final String readModel;

        private Routed(MessageHandlingMember<T> delegate, String readModel) {
            super(delegate);
            this.readModel = readModel;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!CurrentUnitOfWork.isStarted() || !(message instanceof TrackedEventMessage<?> event)) {
                return super.handle(message, target);
            }
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            String processor = null;
            Integer segment = null;
            for (Map.Entry<String, Object> resource : root.resources().entrySet()) {
                Matcher matcher = SEGMENT_KEY.matcher(resource.getKey());
                if (matcher.matches() && resource.getValue() instanceof Integer id) {
                    processor = matcher.group(1);
                    segment = id;
                }
            }
            Routing routing = Routing.of(root, processor, segment, readModel, jdbc);
            if (routing.skips(event.trackingToken().position().orElse(Long.MAX_VALUE))) {
                return null;
            }
            return super.handle(message, target);
        }
    }
}

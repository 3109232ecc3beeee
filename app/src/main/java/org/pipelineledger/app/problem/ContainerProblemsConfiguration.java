package org.pipelineledger.app.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationRegistry;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.CompositeRequestRejectedHandler;
import org.springframework.security.web.firewall.ObservationMarkingRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Problems for what is refused before Spring MVC sees a request: by Tomcat itself ({@link ProblemReportValve}) and by
 * Spring Security's firewall ({@link ProblemRequestRejectedHandler}).
 */
@Configuration(proxyBeanMethods = false)
class ContainerProblemsConfiguration {

    /**
     * Spring Boot puts a plain ErrorReportValve on the host when stack traces are never shown
     * ({@code server.error.include-stacktrace=never}), and Tomcat adds one of the class its host names unless the
     * pipeline already has one. Ordered after Boot's customizer, this one removes Boot's valve, adds the problem
     * valve and names its class on the host, so that neither puts an HTML page back.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(ObjectMapper objectMapper) {
        return new ProblemValveCustomizer(objectMapper);
    }

    /** Picked up by Spring Security's WebSecurity; marks the observation as the default handler does. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper objectMapper,
            ObjectProvider<ObservationRegistry> observations) {
        RequestRejectedHandler problems = new ProblemRequestRejectedHandler(objectMapper);
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        return registry.isNoop() ? problems
                : new CompositeRequestRejectedHandler(new ObservationMarkingRequestRejectedHandler(registry), problems);
    }

    private record ProblemValveCustomizer(ObjectMapper objectMapper)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> install((Host) context.getParent()));
        }

        private void install(Host host) {
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            host.getPipeline().addValve(new ProblemReportValve(objectMapper));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}

package org.pipelineledger.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.filter.OrderedFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every request meets before Spring Security and Spring MVC: the body limit and the nosniff header. */
@Configuration(proxyBeanMethods = false)
class WebEdgeConfiguration {

    /** Before the form-content filter (the first filter that could read a body) and before Spring Security. */
    static final int BODY_LIMIT_ORDER = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 10_000;

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(ObjectMapper objectMapper,
            ObjectProvider<BodyLimitExemption> exemptions) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(objectMapper, exemptions.orderedStream().toList()));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> noSniffOnEveryResponse() {
        return factory -> factory.addEngineValves(new NoSniffValve());
    }
}

package org.pipelineledger.app.web;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every request meets before Spring Security and Spring MVC. */
@Configuration(proxyBeanMethods = false)
class WebEdgeConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> noSniffOnEveryResponse() {
        return factory -> factory.addEngineValves(new NoSniffValve());
    }
}

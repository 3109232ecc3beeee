package org.pipelineledger.app;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The OpenAPI description browsable at {@code /swagger-ui}: springdoc serves the UI from its webjar under
 * {@code /swagger-ui/} and redirects {@code /swagger-ui.html} there; the shorter address does the same.
 */
@Configuration(proxyBeanMethods = false)
class SwaggerUiConfiguration implements WebMvcConfigurer {

    static final String INDEX = "/swagger-ui/index.html";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/swagger-ui", INDEX);
    }
}

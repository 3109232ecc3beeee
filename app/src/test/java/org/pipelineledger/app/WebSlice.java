package org.pipelineledger.app;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Spring MVC slice with the app's real error handling and security, and {@link StubController} in place of the
 * command and query controllers: the web edges are tested without Axon, a database or the other modules' beans.
 * Every test class using it with the same profiles shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@ContextConfiguration(classes = WebSlice.Configuration.class)
public @interface WebSlice {

    @TestConfiguration(proxyBeanMethods = false)
    @ComponentScan({"org.pipelineledger.app.problem", "org.pipelineledger.app.security"})
    @Import(StubController.class)
    class Configuration {
    }
}

package org.pipelineledger.app;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
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

    /**
     * Deliberately neither {@code @Configuration} nor {@code @TestConfiguration}. As the slice's only non-test
     * class it stops Spring Boot from falling back to the application class, whose scan would pull in every
     * controller of both sides; without a stereotype, the application's own scan never picks it up, so it
     * cannot leak into full-context tests. Registered explicitly, its annotations are still processed.
     */
    @ComponentScan({"org.pipelineledger.app.problem", "org.pipelineledger.app.security"})
    @Import(StubController.class)
    class Configuration {
    }
}

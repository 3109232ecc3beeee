package org.pipelineledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module boundaries, checked on the compiled classes of every module (the app sees the others as jars):
 * the command side and the query side never import each other, shared-events speaks no framework but Axon's
 * serialization annotations, and nothing but the app knows the app. Inside the query side, as Spring Modulith's
 * {@code verify()} does for modules: every read model (a sub-package of {@code query} other than {@code web} and
 * {@code support}) is its own, reaching into no other read model and not into the web layer.
 */
class ArchitectureTest {

    private static final String COMMAND = "org.pipelineledger.command..";
    private static final String QUERY = "org.pipelineledger.query..";
    private static final String APP = "org.pipelineledger.app..";
    private static final String[] SHARED_EVENTS = {
            "org.pipelineledger.events..", "org.pipelineledger.pipeline..", "org.pipelineledger.problem.."};

    private static final String QUERY_ROOT = "org.pipelineledger.query";
    private static final String QUERY_WEB = QUERY_ROOT + ".web..";
    private static final String QUERY_SUPPORT = QUERY_ROOT + ".support..";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = productionClasses();
    }

    private static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pipelineledger");
    }

    /** Found, not listed, so that a read model added later is checked too. */
    static List<String> readModels() {
        JavaClasses all = classes != null ? classes : productionClasses();
        return all.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(QUERY_ROOT + "."))
                .map(name -> name.substring(QUERY_ROOT.length() + 1).split("\\.")[0])
                .filter(name -> !name.equals("web") && !name.equals("support"))
                .distinct()
                .sorted()
                .toList();
    }

    private static String[] readModelPackages(Stream<String> names) {
        return names.map(name -> QUERY_ROOT + "." + name + "..").toArray(String[]::new);
    }

    /** A rule over no classes passes whatever it says: first prove there is something to check. */
    @ParameterizedTest(name = "{0} has classes to check")
    @ValueSource(strings = {
            "org.pipelineledger.command", "org.pipelineledger.query", "org.pipelineledger.app",
            "org.pipelineledger.events", "org.pipelineledger.pipeline", "org.pipelineledger.problem"})
    void everyModuleContributesClassesToTheCheck(String packageName) {
        assertThat(classes.stream().filter(javaClass -> javaClass.getPackageName().startsWith(packageName)))
                .as("production classes in %s", packageName)
                .isNotEmpty();
    }

    @Test
    void theCommandSideNeverDependsOnTheQuerySide() {
        noClasses().that().resideInAPackage(COMMAND)
                .should().dependOnClassesThat().resideInAPackage(QUERY)
                .check(classes);
    }

    @Test
    void theQuerySideNeverDependsOnTheCommandSide() {
        noClasses().that().resideInAPackage(QUERY)
                .should().dependOnClassesThat().resideInAPackage(COMMAND)
                .check(classes);
    }

    @Test
    void sharedEventsUseNoSpringNoPersistenceAndNoWeb() {
        noClasses().that().resideInAnyPackage(SHARED_EVENTS)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "javax.persistence..",
                        "jakarta.servlet..", "javax.servlet..", "org.hibernate..")
                .check(classes);
    }

    @Test
    void sharedEventsKnowNeitherSideNorTheApp() {
        noClasses().that().resideInAnyPackage(SHARED_EVENTS)
                .should().dependOnClassesThat().resideInAnyPackage(COMMAND, QUERY, APP)
                .check(classes);
    }

    @Test
    void onlyTheAppKnowsTheApp() {
        noClasses().that().resideInAnyPackage(COMMAND, QUERY)
                .should().dependOnClassesThat().resideInAPackage(APP)
                .check(classes);
    }

    @Test
    void theReadModelsFoundAreTheOnesTheLedgerHas() {
        assertThat(readModels()).contains("board", "daysinstage", "history", "reversions", "slippage");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readModels")
    void aReadModelReachesIntoNoOtherReadModelAndNotIntoTheWebLayer(String readModel) {
        String[] elsewhere = Stream.concat(
                        Stream.of(readModelPackages(readModels().stream().filter(other -> !other.equals(readModel)))),
                        Stream.of(QUERY_WEB))
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(QUERY_ROOT + "." + readModel + "..")
                .should().dependOnClassesThat().resideInAnyPackage(elsewhere)
                .check(classes);
    }

    @Test
    void theQuerySidesProcessingAndSupportKnowNoReadModel() {
        String[] readModelsAndWeb = Stream.concat(Stream.of(readModelPackages(readModels().stream())),
                Stream.of(QUERY_WEB)).toArray(String[]::new);
        noClasses().that().resideInAPackage(QUERY_ROOT).or().resideInAPackage(QUERY_SUPPORT)
                .should().dependOnClassesThat().resideInAnyPackage(readModelsAndWeb)
                .check(classes);
    }
}

package io.tokenworkbench.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The client's layering: JavaFX only in the app shell and in views; logic is FX-free and testable alone. */
class ArchitectureTest {

    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tokenworkbench.client");

    @Test
    void javafxAppearsOnlyInTheAppShellAndInViews() {
        noClasses().that().resideOutsideOfPackages("io.tokenworkbench.client.app..", "..ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..")
                .because("services, engines and the CLI run without a display")
                .check(CLIENT);
    }

    @Test
    void viewModelsDoNotTouchTheSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("view-models are tested without a stage")
                .allowEmptyShould(true)
                .check(CLIENT);
    }

    @Test
    void theClientNeverDependsOnTheBackend() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.tokenworkbench.server..", "io.helidon..")
                .because("the backend is a test-scope dependency only, to drive a real server in tests")
                .check(CLIENT);
    }
}

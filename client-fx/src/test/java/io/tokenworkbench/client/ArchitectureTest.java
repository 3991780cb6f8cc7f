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
    void viewsAndViewModelsReadAndWriteNoFilesThemselves() {
        noClasses().that().resideInAnyPackage("..ui..", "io.tokenworkbench.client.app..")
                .should().accessClassesThat().belongToAnyOf(java.nio.file.Files.class, java.io.FileInputStream.class,
                        java.io.FileOutputStream.class, java.io.RandomAccessFile.class, java.io.FileReader.class,
                        java.io.FileWriter.class)
                .because("the FX thread must never wait on a disk: files are read and written by services, run "
                        + "through BackgroundTasks")
                .check(CLIENT);
    }

    @Test
    void viewModelsWorkInTheBackgroundOnlyThroughBackgroundTasks() {
        noClasses().that().resideInAnyPackage("..ui..").and().doNotHaveSimpleName("BackgroundTasks")
                .should().callMethod(java.util.concurrent.CompletableFuture.class, "supplyAsync",
                        java.util.function.Supplier.class, java.util.concurrent.Executor.class)
                .orShould().callMethod(java.util.concurrent.CompletableFuture.class, "runAsync", Runnable.class,
                        java.util.concurrent.Executor.class)
                .because("one helper owns the busy flag and turns failures into words")
                .check(CLIENT);
    }

    @Test
    void theClientNeverDependsOnTheBackend() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.tokenworkbench.server..", "io.helidon..")
                .because("the backend is a test-scope dependency only, to drive a real server in tests")
                .check(CLIENT);
    }
}

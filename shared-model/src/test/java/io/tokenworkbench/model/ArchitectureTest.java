package io.tokenworkbench.model;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    @Test
    void sharedModelDependsOnNeitherServerNorUiFrameworks() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.helidon..", "javafx..", "io.tokenworkbench.server..", "io.tokenworkbench.client..")
                .check(new ClassFileImporter().importPackages("io.tokenworkbench.model"));
    }
}

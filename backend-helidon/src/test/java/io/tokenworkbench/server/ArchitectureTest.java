package io.tokenworkbench.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The backend's layout: the composition root ({@code ServerApp}, the route registry {@code ApiRoutes}) on top, the
 * features in the middle, {@code http}, {@code security}, {@code config} and {@code db} at the bottom; no package
 * cycles.
 */
class ArchitectureTest {

    private static final String ROOT = "io.tokenworkbench.server";
    private static final String[] GROUND_FLOOR = {ROOT + ".http..", ROOT + ".security..", ROOT + ".config..",
            ROOT + ".db.."};

    private static final JavaClasses BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(BACKEND);
    }

    @Test
    void theGroundFloorKnowsNoFeatureAndNotTheTop() {
        noClasses().that().resideInAnyPackage(GROUND_FLOOR)
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(GROUND_FLOOR))))
                .because("http, security, config and db serve every feature, so none of them may need one")
                .check(BACKEND);
    }

    @Test
    void featuresReachNeitherTheTopNorEachOthersRoutes() {
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .because("features do not reach back into the server that assembles them")
                .check(BACKEND);
        noClasses().that().resideOutsideOfPackage(ROOT).and().haveSimpleNameNotEndingWith("Routes")
                .should().dependOnClassesThat(simpleNameEndingWith("Routes").and(resideOutsideOfPackage(ROOT + ".http..")))
                .because("route handlers are called by the routing only; features share services, not handlers")
                .check(BACKEND);
    }

    @Test
    void routesParseAndRenderWhileServicesAndRepositoriesTalkToTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("Routes")
                .should().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .because("a route parses the request and renders the answer; its feature's service owns "
                        + "validation, ownership and the transaction, and its repository the SQL")
                .check(BACKEND);
    }

    /**
     * Posts, products and reports are reached through their services. (The user repository is the account store
     * that auth, basic, password reset and the dev seed build on; the dev seed writes every table.)
     */
    @Test
    void aFeaturesRepositoryIsItsOwn() {
        for (String feature : java.util.List.of("post", "product", "admin")) {
            noClasses().that().resideOutsideOfPackages(ROOT, ROOT + "." + feature + "..", ROOT + ".dev..")
                    .should().dependOnClassesThat(resideInAPackage(ROOT + "." + feature + "..")
                            .and(simpleNameEndingWith("Repository")))
                    .because("other features go through the " + feature + " service")
                    .check(BACKEND);
        }
    }
}

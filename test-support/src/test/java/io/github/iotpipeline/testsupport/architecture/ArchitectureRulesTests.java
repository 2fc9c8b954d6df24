package io.github.iotpipeline.testsupport.architecture;

import java.util.List;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule finds what it is about, in fixtures made to break it (see {@code fixtures}). */
class ArchitectureRulesTests {

    private static final String FIXTURES = "io.github.iotpipeline.testsupport.architecture.fixtures";

    @Test
    void findsPackagesThatDependOnEachOther() {
        assertThat(violations(ArchitectureRules.noCyclesBetweenPackages, FIXTURES + ".cycle"))
                .singleElement().asString().startsWith("Cycle detected");
    }

    @Test
    void findsAPackageThatIsNotNullMarked() {
        assertThat(violations(ArchitectureRules.everyPackageIsNullMarked, FIXTURES + ".unmarked"))
                .containsExactly("package " + FIXTURES + ".unmarked is not annotated with @NullMarked");
    }

    @Test
    void findsPublicEntitiesAndRepositoriesButNotTheOthers() {
        assertThat(violations(ArchitectureRules.entitiesAndRepositoriesAreNotPublic, FIXTURES + ".storage"))
                .hasSize(2)
                .anyMatch(violation -> violation.contains(".PublicEntity>"))
                .anyMatch(violation -> violation.contains(".PublicRepository>"));
    }

    @Test
    void findsTheGeneratorUsingTheCollector() {
        assertThat(violations(ArchitectureRules.servicesDoNotDependOnEachOther, "io.github.iotpipeline.generator",
                "io.github.iotpipeline.collector"))
                .isNotEmpty()
                .allMatch(violation -> violation.contains("GeneratorSide") && violation.contains("CollectorSide"));
    }

    @Test
    void findsSpringWhereThereMustBeNone() {
        assertThat(violations(ArchitectureRules.freeOfSpring(), FIXTURES + ".spring"))
                .isNotEmpty()
                .allMatch(violation -> violation.contains("org.springframework.util.StringUtils"));
    }

    private static List<String> violations(ArchRule rule, String... packages) {
        return rule.evaluate(new ClassFileImporter().importPackages(packages)).getFailureReport().getDetails();
    }
}

package io.github.iotpipeline.embedded;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.jspecify.annotations.NullMarked;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's rules that apply here, written out: test-support, which holds them
 * ({@code ArchitectureRules}), depends on this module, so these tests cannot depend on test-support.
 */
@AnalyzeClasses(packages = "io.github.iotpipeline.embedded", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("io.github.iotpipeline.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static void everyPackageIsNullMarked(JavaClasses classes) {
        assertThat(classes.stream().map(JavaClass::getPackage).distinct()).allSatisfy(javaPackage ->
                assertThat(javaPackage.isAnnotatedWith(NullMarked.class))
                        .as("package %s is annotated with @NullMarked", javaPackage.getName())
                        .isTrue());
    }
}

package io.github.iotpipeline.localstack;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.github.iotpipeline.testsupport.architecture.ArchitectureRules;

/** The project's rules, for the module that starts everything else. */
@AnalyzeClasses(packages = "io.github.iotpipeline.localstack", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests everyModule = ArchTests.in(ArchitectureRules.class);
}

package io.github.iotpipeline.generator;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.github.iotpipeline.testsupport.architecture.ArchitectureRules;

/** The project's rules, among them that the generator knows nothing of the collector. */
@AnalyzeClasses(packages = "io.github.iotpipeline.generator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests everyModule = ArchTests.in(ArchitectureRules.class);
}

package io.github.iotpipeline.testsupport;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.github.iotpipeline.testsupport.architecture.ArchitectureRules;

/** test-support keeps the rules it hands out. */
@AnalyzeClasses(packages = "io.github.iotpipeline.testsupport", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests everyModule = ArchTests.in(ArchitectureRules.class);
}

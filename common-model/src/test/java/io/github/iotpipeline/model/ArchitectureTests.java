package io.github.iotpipeline.model;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.github.iotpipeline.testsupport.architecture.ArchitectureRules;

/** The project's rules, and the wire contract's own: plain Java, so that any device simulator can use it. */
@AnalyzeClasses(packages = {"io.github.iotpipeline.model", "io.github.iotpipeline.mqtt"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchTests everyModule = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule freeOfSpring = ArchitectureRules.freeOfSpring();
}

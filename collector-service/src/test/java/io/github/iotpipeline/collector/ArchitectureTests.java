package io.github.iotpipeline.collector;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.github.iotpipeline.testsupport.architecture.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The project's rules, and the collector's own: the root package holds only the application, and the raw
 * archive and the store stand on their own, so that reading them back (replay, audits) needs no pipeline.
 */
@AnalyzeClasses(packages = "io.github.iotpipeline.collector", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String ROOT = "io.github.iotpipeline.collector";

    @ArchTest
    static final ArchTests everyModule = ArchTests.in(ArchitectureRules.class);

    @ArchTest
    static final ArchRule rootHoldsOnlyTheApplication = classes().that().resideInAPackage(ROOT)
            .should().haveSimpleName("CollectorApplication").orShould().haveSimpleName("package-info");

    @ArchTest
    static final ArchRule archiveAndStorageDoNotKnowThePipeline = noClasses()
            .that().resideInAnyPackage(ROOT + ".archive..", ROOT + ".storage..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ingest..");
}

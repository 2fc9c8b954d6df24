package io.github.iotpipeline.testsupport.architecture;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ClassesTransformer;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture the modules keep, as ArchUnit rules over a module's main classes.
 * <p>
 * The {@link ArchTest} fields hold for every module: a module's {@code ArchitectureTests} checks them all with
 * {@code ArchTests.in(ArchitectureRules.class)}, so a rule added here applies everywhere at once. The methods
 * make the rules that hold for some modules only, which their {@code ArchitectureTests} add by name.
 * <p>
 * embedded-servers keeps its rules inline: test-support depends on it, so its tests cannot depend on this.
 */
public final class ArchitectureRules {

    private static final String PROJECT = "io.github.iotpipeline";
    private static final String GENERATOR = PROJECT + ".generator..";
    private static final String COLLECTOR = PROJECT + ".collector..";
    private static final String NULL_MARKED = "org.jspecify.annotations.NullMarked";

    /** Packages that depend on each other in a circle can be neither understood nor changed one at a time. */
    @ArchTest
    public static final ArchRule noCyclesBetweenPackages = slices().matching(PROJECT + ".(**)")
            .namingSlices("package $1")
            .should().beFreeOfCycles();

    /**
     * Nullness is declared per package ({@code package-info.java} with {@code @NullMarked}), so that a type
     * without {@code @Nullable} means non-null; a new package without it would quietly mean nothing.
     */
    @ArchTest
    public static final ArchRule everyPackageIsNullMarked = all(packages()).should(beAnnotatedWith(NULL_MARKED));

    /** JPA entities and Spring Data repositories are how a feature stores its data: no other package's concern. */
    @ArchTest
    public static final ArchRule entitiesAndRepositoriesAreNotPublic = classes()
            .that().areAnnotatedWith("jakarta.persistence.Entity")
            .or().areAssignableTo("org.springframework.data.repository.Repository")
            .should().notBePublic()
            .allowEmptyShould(true);

    /**
     * The generator and the collector share only the wire contract (common-model): either can change, or be
     * replaced, without the other noticing.
     */
    @ArchTest
    public static final ArchRule servicesDoNotDependOnEachOther = CompositeArchRule
            .of(noDependency(GENERATOR, COLLECTOR))
            .and(noDependency(COLLECTOR, GENERATOR))
            .as("the generator and the collector should not depend on each other");

    private ArchitectureRules() {
    }

    /** For code that is plain Java on purpose, such as the wire contract that any device simulator may use. */
    public static ArchRule freeOfSpring() {
        return noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");
    }

    private static ClassesTransformer<JavaPackage> packages() {
        return new AbstractClassesTransformer<>("packages") {
            @Override
            public Iterable<JavaPackage> doTransform(JavaClasses classes) {
                return classes.stream().map(JavaClass::getPackage).collect(
                        Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(JavaPackage::getName))));
            }
        };
    }

    private static ArchCondition<JavaPackage> beAnnotatedWith(String annotation) {
        String simpleName = annotation.substring(annotation.lastIndexOf('.') + 1);
        return new ArchCondition<>("have a package-info.java annotated with @" + simpleName) {
            @Override
            public void check(JavaPackage javaPackage, ConditionEvents events) {
                boolean annotated = javaPackage.isAnnotatedWith(annotation);
                events.add(new SimpleConditionEvent(javaPackage, annotated, "package " + javaPackage.getName()
                        + (annotated ? " is" : " is not") + " annotated with @" + simpleName));
            }
        };
    }

    /** No class in {@code from} depends on one in {@code to}; a module may have no class in {@code from}. */
    private static ArchRule noDependency(String from, String to) {
        return noClasses().that().resideInAPackage(from)
                .should().dependOnClassesThat().resideInAPackage(to)
                .allowEmptyShould(true);
    }
}

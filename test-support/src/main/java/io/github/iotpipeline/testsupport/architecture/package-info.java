/** The architecture every module keeps, as ArchUnit rules that each module's ArchitectureTests checks. */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.testsupport.architecture;

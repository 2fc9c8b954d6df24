/** The whole pipeline in one JVM, for a machine with nothing but a JDK: servers, services, ports, the console. */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.localstack;

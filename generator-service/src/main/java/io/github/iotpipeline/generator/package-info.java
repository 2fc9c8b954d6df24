/**
 * The generator service: simulated sensors ({@code simulation}) whose readings are published over MQTT
 * ({@code publish}). Everything is set through {@link io.github.iotpipeline.generator.GeneratorProperties},
 * {@code generator.faults.*} and {@code mqtt.*} properties, so tests can run it against any broker under a
 * topic root of their own.
 */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.generator;

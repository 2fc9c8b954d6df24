/**
 * The wire contract between anything that publishes sensor readings and the collector: the
 * {@link io.github.iotpipeline.model.SensorReading} record, its strict JSON codec, the Bean Validation
 * constraints and the MQTT topic layout. Plain Java on purpose: no Spring, no beans, usable by any device
 * simulator or test.
 */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.model;

/**
 * Publishing readings: a fixed-rate schedule sends each reading to {@code readingsChannel}, whose flow ends in
 * the MQTT v5 outbound adapter {@code mqttOutbound}. Health and metrics of the broker connection live here too.
 */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.generator.publish;

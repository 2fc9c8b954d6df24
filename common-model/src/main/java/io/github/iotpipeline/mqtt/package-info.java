/** MQTT transport plumbing shared by the services, independent of any MQTT client library. */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.mqtt;

/** MQTT transport plumbing shared by the services, independent of any MQTT client library. */
package io.github.iotpipeline.mqtt;

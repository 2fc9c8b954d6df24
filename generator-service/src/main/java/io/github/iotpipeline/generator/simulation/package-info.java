/**
 * Simulated sensors: a realistic baseline, slow bounded drift, Gaussian noise and occasional out-of-range
 * spikes, repeatable from a seed. No MQTT and no clock here; callers pass the timestamp.
 */
package io.github.iotpipeline.generator.simulation;

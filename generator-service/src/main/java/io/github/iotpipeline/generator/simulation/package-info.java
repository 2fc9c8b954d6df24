/**
 * Simulated sensors: a realistic baseline, slow bounded drift, Gaussian noise and occasional out-of-range
 * spikes, repeatable from a seed. On request some sensors also show faults (dropouts, stuck values, more
 * spikes, a drifting clock, duplicates, late bursts) for the data-quality checks downstream to catch. No MQTT
 * and no clock here; callers pass the timestamp.
 */
@org.jspecify.annotations.NullMarked
package io.github.iotpipeline.generator.simulation;

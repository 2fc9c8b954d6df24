package io.github.iotpipeline.generator.simulation;

/**
 * Gives a sensor its own spike probability in place of the fleet's; the sensor's usual spike mechanism does
 * the rest, so its spikes look like any other.
 */
record SpikeFault(double probability) implements SensorFault {

    @Override
    public double spikeProbability(double otherwise) {
        return probability;
    }
}

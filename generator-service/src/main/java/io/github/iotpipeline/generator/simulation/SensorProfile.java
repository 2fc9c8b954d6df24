package io.github.iotpipeline.generator.simulation;

/**
 * How one kind of sensor behaves. The plausible ranges are the ones seeded in the {@code sensors} table, which
 * the collector uses to flag {@code out_of_range} readings; change both together.
 */
enum SensorProfile {

    //          unit    min   max      baseline noise drift-step max-drift decimals
    TEMPERATURE("°C",   -20,  50,      21.0,    0.15, 0.15,      3.0,      2),
    HUMIDITY(   "%",    0,    100,     45.0,    0.5,  0.75,      15.0,     1),
    PRESSURE(   "hPa",  950,  1050,    1013.25, 0.1,  0.4,       8.0,      2),
    CO2(        "ppm",  350,  5000,    650.0,   8.0,  10.0,      200.0,    0),
    LIGHT(      "lux",  0,    20_000,  400.0,   10.0, 15.0,      300.0,    1);

    private final String unit;
    private final double min;
    private final double max;
    private final double baseline;
    private final double noise;
    private final double driftStep;
    private final double maxDrift;
    private final double scale;

    SensorProfile(String unit, double min, double max, double baseline, double noise, double driftStep,
            double maxDrift, int decimals) {
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.baseline = baseline;
        this.noise = noise;
        this.driftStep = driftStep;
        this.maxDrift = maxDrift;
        this.scale = Math.pow(10, decimals);
    }

    String unit() {
        return unit;
    }

    /** Lowest plausible value; anything below is a fault. */
    double min() {
        return min;
    }

    /** Highest plausible value; anything above is a fault. */
    double max() {
        return max;
    }

    double baseline() {
        return baseline;
    }

    /** Standard deviation of the measurement noise. */
    double noise() {
        return noise;
    }

    /** Standard deviation of one step of the drift's random walk. */
    double driftStep() {
        return driftStep;
    }

    /** How far the drift may take the value from the baseline. */
    double maxDrift() {
        return maxDrift;
    }

    double span() {
        return max - min;
    }

    boolean isPlausible(double value) {
        return value >= min && value <= max;
    }

    /** Real devices report a fixed resolution, not seventeen significant digits. */
    double round(double value) {
        return Math.round(value * scale) / scale;
    }

    double clampToRange(double value) {
        return Math.max(min, Math.min(max, value));
    }
}

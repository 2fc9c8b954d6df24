package io.github.iotpipeline.collector.storage;

import java.io.Serializable;
import java.time.Instant;

/** The natural key of a measurement: one reading per sensor and instant. */
record MeasurementId(String sensorId, Instant ts) implements Serializable {
}

package io.github.iotpipeline.collector.quality;

import io.github.iotpipeline.model.SensorReading;
import org.springframework.stereotype.Component;

/** Flags an accepted reading by what the sensor registry says about it. */
@Component
public class QualityClassifier {

    private final SensorCatalog catalog;

    QualityClassifier(SensorCatalog catalog) {
        this.catalog = catalog;
    }

    public Quality classify(SensorReading reading) {
        return catalog.find(reading.sensorId())
                .map(range -> range.contains(reading.value()) ? Quality.VALID : Quality.OUT_OF_RANGE)
                .orElse(Quality.UNKNOWN_SENSOR);
    }
}

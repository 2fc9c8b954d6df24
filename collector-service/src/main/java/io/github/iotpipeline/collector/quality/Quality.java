package io.github.iotpipeline.collector.quality;

import java.util.Locale;

/** How far an accepted reading can be trusted, as stored in {@code measurements.quality}. */
public enum Quality {

    /** Known sensor, value within its range. */
    VALID,
    /** Known sensor, value outside its min/max: kept, because a real spike is also data. */
    OUT_OF_RANGE,
    /** No such sensor in the registry: kept, so registering it later loses nothing. */
    UNKNOWN_SENSOR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.github.iotpipeline.collector.quality;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A registered sensor; the collector only reads the registry. */
@Entity
@Immutable
@Table(name = "sensors")
class Sensor {

    @Id
    private String id;

    @Column(name = "min_value")
    private double minValue;

    @Column(name = "max_value")
    private double maxValue;

    protected Sensor() {
    }

    String getId() {
        return id;
    }

    double getMinValue() {
        return minValue;
    }

    double getMaxValue() {
        return maxValue;
    }
}

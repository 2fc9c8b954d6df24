package io.github.iotpipeline.collector.storage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.jspecify.annotations.Nullable;
import org.hibernate.annotations.SQLInsert;
import org.hibernate.jdbc.Expectation;

/**
 * One stored reading. The natural key (sensor_id, ts) is the id, so Hibernate can batch the inserts (a
 * generated IDENTITY id would force one round trip per row), and the insert ignores a row that is already
 * there: a redelivered reading is stored once.
 */
@Entity
@Table(name = "measurements")
@IdClass(MeasurementId.class)
// Hibernate binds the non-id columns in attribute-name order, then the id columns.
@SQLInsert(sql = "insert into measurements (quality, received_at, seq, unit, value, sensor_id, ts)"
        + " values (?, ?, ?, ?, ?, ?, ?) on conflict (sensor_id, ts) do nothing",
        verify = Expectation.None.class)
class Measurement {

    @Id
    @Column(name = "sensor_id")
    private String sensorId;

    @Id
    @Column(name = "ts")
    private Instant ts;

    private double value;

    private @Nullable String unit;

    private String quality;

    private @Nullable Long seq;

    @Column(name = "received_at")
    private Instant receivedAt;

    /** The broker flagged the message as a redelivery; a copy found stored is then not the sensor's doing. */
    @Transient
    private boolean redelivered;

    protected Measurement() {
    }

    Measurement(AcceptedReading reading) {
        this.redelivered = reading.redelivered();
        this.sensorId = reading.sensorId();
        this.ts = reading.ts();
        this.value = reading.value();
        this.unit = reading.unit();
        this.quality = reading.quality().code();
        this.seq = reading.seq();
        this.receivedAt = reading.receivedAt();
    }

    boolean isRedelivered() {
        return redelivered;
    }

    MeasurementId id() {
        return new MeasurementId(sensorId, ts);
    }

    String getSensorId() {
        return sensorId;
    }

    Instant getTs() {
        return ts;
    }

    double getValue() {
        return value;
    }

    @Nullable String getUnit() {
        return unit;
    }

    String getQuality() {
        return quality;
    }

    @Nullable Long getSeq() {
        return seq;
    }

    Instant getReceivedAt() {
        return receivedAt;
    }
}

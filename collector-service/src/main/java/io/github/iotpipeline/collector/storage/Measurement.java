package io.github.iotpipeline.collector.storage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
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
public class Measurement {

    @Id
    @Column(name = "sensor_id")
    private String sensorId;

    @Id
    @Column(name = "ts")
    private Instant ts;

    private double value;

    private String unit;

    private String quality;

    private Long seq;

    @Column(name = "received_at")
    private Instant receivedAt;

    /** The broker flagged the message as a redelivery; a copy found stored is then not the sensor's doing. */
    @Transient
    private boolean redelivered;

    protected Measurement() {
    }

    public Measurement(String sensorId, Instant ts, double value, String unit, Quality quality, Long seq,
            Instant receivedAt) {
        this(sensorId, ts, value, unit, quality, seq, receivedAt, false);
    }

    public Measurement(String sensorId, Instant ts, double value, String unit, Quality quality, Long seq,
            Instant receivedAt, boolean redelivered) {
        this.redelivered = redelivered;
        this.sensorId = sensorId;
        this.ts = ts;
        this.value = value;
        this.unit = unit;
        this.quality = quality.code();
        this.seq = seq;
        this.receivedAt = receivedAt;
    }

    public boolean isRedelivered() {
        return redelivered;
    }

    public MeasurementId id() {
        return new MeasurementId(sensorId, ts);
    }

    public String getSensorId() {
        return sensorId;
    }

    public Instant getTs() {
        return ts;
    }

    public double getValue() {
        return value;
    }

    public String getUnit() {
        return unit;
    }

    public String getQuality() {
        return quality;
    }

    public Long getSeq() {
        return seq;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }
}

package io.github.iotpipeline.collector.storage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.jspecify.annotations.Nullable;

/**
 * One stored reading, identified by its natural key (sensor_id, ts). The mapping is what the schema validation
 * at start-up checks against {@code measurements}; the rows themselves are inserted by {@link MeasurementInsert},
 * a batch in one statement that ignores a row already there, so a redelivered reading is stored once.
 */
@Entity
@Table(name = "measurements")
@IdClass(MeasurementId.class)
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

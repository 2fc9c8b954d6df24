package io.github.iotpipeline.collector.storage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A copy of a reading that was stored already. measurements keeps one row per reading, so this is where a
 * sensor that sends everything twice, or a broker that redelivers after a restart, leaves a trace.
 */
@Entity
@Table(name = "duplicate_readings")
class DuplicateReading {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "duplicate_readings_id")
    @SequenceGenerator(name = "duplicate_readings_id", sequenceName = "duplicate_readings_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "sensor_id")
    private String sensorId;

    private Instant ts;

    @Column(name = "received_at")
    private Instant receivedAt;

    private boolean redelivered;

    protected DuplicateReading() {
    }

    DuplicateReading(Measurement copy) {
        this.sensorId = copy.getSensorId();
        this.ts = copy.getTs();
        this.receivedAt = copy.getReceivedAt();
        this.redelivered = copy.isRedelivered();
    }

    String getSensorId() {
        return sensorId;
    }

    Instant getTs() {
        return ts;
    }

    boolean isRedelivered() {
        return redelivered;
    }
}

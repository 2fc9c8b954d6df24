package io.github.iotpipeline.collector.storage;

import java.time.Instant;

import io.github.iotpipeline.model.Utf8;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/** A message that is not a valid reading, kept with the reason so an operator can see and replay it. */
@Entity
@Table(name = "rejected_messages")
public class RejectedMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rejected_messages_id")
    // A pooled sequence, unlike IDENTITY, lets Hibernate batch these inserts during a flood of bad input.
    @SequenceGenerator(name = "rejected_messages_id", sequenceName = "rejected_messages_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "received_at")
    private Instant receivedAt;

    private String topic;

    @Column(name = "sensor_id")
    private String sensorId;

    private String reason;

    private String detail;

    private byte[] payload;

    @Column(name = "payload_text")
    private String payloadText;

    /** The broker flagged the message as a redelivery: it may be stored already. */
    @Transient
    private boolean redelivered;

    protected RejectedMessage() {
    }

    public RejectedMessage(Instant receivedAt, String topic, String reason, String detail, byte[] payload) {
        this(receivedAt, topic, null, reason, detail, payload, false);
    }

    /**
     * @param sensorId the sensor the topic names, so that the rejection counts against it; null when the topic
     *        names none
     */
    public RejectedMessage(Instant receivedAt, String topic, String sensorId, String reason, String detail,
            byte[] payload, boolean redelivered) {
        this.redelivered = redelivered;
        this.receivedAt = receivedAt;
        this.topic = topic;
        this.sensorId = sensorId;
        this.reason = reason;
        this.detail = detail;
        this.payload = payload;
        this.payloadText = readableText(payload);
    }

    /** The payload as text when PostgreSQL can hold it as text: valid UTF-8 without NUL bytes. */
    static String readableText(byte[] payload) {
        for (byte b : payload) {
            if (b == 0) {
                return null;
            }
        }
        return Utf8.decodeOrNull(payload);
    }

    public boolean isRedelivered() {
        return redelivered;
    }

    public Long getId() {
        return id;
    }

    /**
     * Whether the store inserted this message: the id is assigned when it is persisted, and a redelivered copy of
     * a dead letter stored already is not persisted (it counts as a duplicate instead).
     */
    public boolean isStored() {
        return id != null;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getTopic() {
        return topic;
    }

    public String getSensorId() {
        return sensorId;
    }

    public String getReason() {
        return reason;
    }

    public String getDetail() {
        return detail;
    }

    public byte[] getPayload() {
        return payload;
    }

    public String getPayloadText() {
        return payloadText;
    }
}

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
import org.jspecify.annotations.Nullable;

/** A message that is not a valid reading, kept with the reason so an operator can see and replay it. */
@Entity
@Table(name = "rejected_messages")
class RejectedMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rejected_messages_id")
    // A pooled sequence, unlike IDENTITY, lets Hibernate batch these inserts during a flood of bad input.
    @SequenceGenerator(name = "rejected_messages_id", sequenceName = "rejected_messages_id_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(name = "received_at")
    private Instant receivedAt;

    private String topic;

    @Column(name = "sensor_id")
    private @Nullable String sensorId;

    private String reason;

    private String detail;

    private byte[] payload;

    @Column(name = "payload_text")
    private @Nullable String payloadText;

    /** The broker flagged the message as a redelivery: it may be stored already. */
    @Transient
    private boolean redelivered;

    protected RejectedMessage() {
    }

    RejectedMessage(DeadLetter letter) {
        this.redelivered = letter.redelivered();
        this.receivedAt = letter.receivedAt();
        this.topic = letter.topic();
        this.sensorId = letter.sensorId();
        this.reason = letter.reason();
        this.detail = letter.detail();
        this.payload = letter.payload();
        this.payloadText = readableText(letter.payload());
    }

    /** The payload as text when PostgreSQL can hold it as text: valid UTF-8 without NUL bytes. */
    static @Nullable String readableText(byte[] payload) {
        for (byte b : payload) {
            if (b == 0) {
                return null;
            }
        }
        return Utf8.decodeOrNull(payload);
    }

    boolean isRedelivered() {
        return redelivered;
    }

    @Nullable Long getId() {
        return id;
    }

    Instant getReceivedAt() {
        return receivedAt;
    }

    String getTopic() {
        return topic;
    }

    @Nullable String getSensorId() {
        return sensorId;
    }

    String getReason() {
        return reason;
    }

    String getDetail() {
        return detail;
    }

    byte[] getPayload() {
        return payload;
    }

    @Nullable String getPayloadText() {
        return payloadText;
    }
}

package io.github.iotpipeline.collector.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Component;

/**
 * The inbound flow's one step: checks each message against the contract and hands it to the buffer. Runs on
 * the MQTT client's callback thread, so it never throws: an exception there would drop the connection.
 */
@Component
class MessageIntake implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final MessageCheck check;
    private final ReadingBuffer buffer;
    private final MqttConnectionState connection;
    private final Clock clock;
    private final IngestMetrics metrics;

    MessageIntake(MessageCheck check, ReadingBuffer buffer, MqttConnectionState connection, Clock clock,
            IngestMetrics metrics) {
        this.check = check;
        this.buffer = buffer;
        this.connection = connection;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Accepts one message; it is acknowledged later, once stored. */
    @Override
    public void handleMessage(Message<?> message) {
        metrics.received();
        try {
            buffer.add(toReceived(message));
        }
        catch (RuntimeException ex) {
            // Left unacknowledged, so the broker delivers it again; nothing is lost.
            log.error("Could not buffer a message from {}; it stays unacknowledged",
                    message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC), ex);
        }
    }

    private ReceivedMessage toReceived(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        String topic = headers.get(MqttHeaders.RECEIVED_TOPIC, String.class);
        // The adapter's payload type is byte[].
        byte[] payload = (byte[]) message.getPayload();
        Integer qos = headers.get(MqttHeaders.RECEIVED_QOS, Integer.class);
        // Whole microseconds, as PostgreSQL keeps it: the archive and the database then hold the same instant.
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return new ReceivedMessage(topic, payload, receivedAt,
                qos == null ? 0 : qos,
                Boolean.TRUE.equals(headers.get(MqttHeaders.RECEIVED_RETAINED, Boolean.class)),
                Boolean.TRUE.equals(headers.get(MqttHeaders.DUPLICATE, Boolean.class)),
                check.check(topic, payload, receivedAt),
                StaticMessageHeaderAccessor.getAcknowledgment(message),
                connection.current());
    }
}

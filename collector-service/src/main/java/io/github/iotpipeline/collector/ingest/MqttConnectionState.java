package io.github.iotpipeline.collector.ingest;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.integration.mqtt.event.MqttConnectionFailedEvent;
import org.springframework.integration.mqtt.event.MqttSubscribedEvent;
import org.springframework.stereotype.Component;

/**
 * Follows the inbound connection through the adapter's events.
 * <p>
 * MQTT packet ids are only meaningful on the connection that carried them: after a reconnect the broker
 * reuses them for other messages. So every message records the connection it came on, and an
 * acknowledgement for a message from an earlier connection is not sent; the broker redelivers that message
 * instead, and the idempotent insert absorbs the repeat.
 */
@Component
public class MqttConnectionState {

    private static final Logger log = LoggerFactory.getLogger(MqttConnectionState.class);

    private final AtomicLong connection = new AtomicLong();

    private volatile boolean connected;
    private volatile Instant since = Instant.now();
    private volatile String lastError;

    /** The current connection's number; it changes whenever a connection is lost. */
    public long current() {
        return connection.get();
    }

    public boolean connected() {
        return connected;
    }

    public Instant since() {
        return since;
    }

    public String lastError() {
        return lastError;
    }

    @EventListener
    void onSubscribed(MqttSubscribedEvent event) {
        connected = true;
        since = Instant.now();
        log.info("MQTT connected and subscribed: {}", event.getMessage());
    }

    @EventListener
    void onConnectionFailed(MqttConnectionFailedEvent event) {
        connection.incrementAndGet();
        connected = false;
        since = Instant.now();
        lastError = event.getCause() == null ? "connection lost" : event.getCause().getMessage();
        log.warn("MQTT connection lost or failed, reconnecting: {}", lastError);
    }
}

package io.github.iotpipeline.collector.ingest;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.integration.mqtt.event.MqttConnectionFailedEvent;
import org.springframework.integration.mqtt.event.MqttSubscribedEvent;
import org.springframework.stereotype.Component;

/**
 * Follows the inbound connection, from the client's own callbacks (see {@link ObservedMqttInboundAdapter}).
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
    private volatile boolean subscribed;
    private volatile Instant since = Instant.now();
    private volatile @Nullable String lastError;

    /** The current connection's number; it changes whenever a connection is lost. */
    public long current() {
        return connection.get();
    }

    /** Connected: with the persistent session, the broker delivers on its stored subscription. */
    public boolean connected() {
        return connected;
    }

    /** The broker confirmed the subscription since the last connect, so even a brand-new session receives. */
    public boolean subscribed() {
        return connected && subscribed;
    }

    public Instant since() {
        return since;
    }

    public String lastError() {
        return lastError;
    }

    void connectionMade() {
        connected = true;
        since = Instant.now();
        log.info("MQTT connected");
    }

    void connectionLost(String cause) {
        connection.incrementAndGet();
        connected = false;
        subscribed = false;
        since = Instant.now();
        lastError = cause;
        log.warn("MQTT connection lost, reconnecting: {}", cause);
    }

    @EventListener
    void onSubscribed(MqttSubscribedEvent event) {
        subscribed = true;
        log.info("MQTT {}", event.getMessage());
    }

    /** A failed subscribe, or a lost connection (which {@link #connectionLost} has recorded already). */
    @EventListener
    void onFailure(MqttConnectionFailedEvent event) {
        if (connected && event.getCause() != null) {
            lastError = event.getCause().getMessage();
            log.warn("MQTT subscribe failed, the session's subscription still delivers: {}", lastError);
        }
    }
}

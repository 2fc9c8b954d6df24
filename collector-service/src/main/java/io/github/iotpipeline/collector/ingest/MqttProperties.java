package io.github.iotpipeline.collector.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the collector talks to the broker.
 *
 * @param url broker URL, {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param username optional user name
 * @param password optional password
 * @param clientId fixed client id: the broker keeps the persistent session, and so the unacknowledged
 *        readings, under this id while the collector is away
 * @param topicRoot prefix of the readings topics; empty in production
 * @param topicFilter what to subscribe to; empty means exactly the readings topics. A wider filter, such as
 *        {@code sensors/#}, lets messages on topics outside the contract reach the dead-letter table with
 *        their reason instead of passing unseen
 * @param receiveMaximum how many unacknowledged readings the broker may send at once (MQTT 5 Receive
 *        Maximum); it must be at least the batch size, or a batch could never fill
 * @param sessionExpiry how long the broker keeps the session, and queues readings, while the collector is away
 * @param keepAlive MQTT keep-alive interval
 * @param connectionTimeout how long one connection attempt may take
 */
@Validated
@ConfigurationProperties("mqtt")
public record MqttProperties(
        @NotBlank @DefaultValue("tcp://localhost:1883") String url,
        @Nullable String username,
        @Nullable String password,
        @NotBlank @DefaultValue("iot-collector") String clientId,
        @DefaultValue("") String topicRoot,
        @DefaultValue("") String topicFilter,
        @Min(1) @Max(65535) @DefaultValue("20000") int receiveMaximum,
        @DefaultValue("7d") Duration sessionExpiry,
        @DefaultValue("30s") Duration keepAlive,
        @DefaultValue("10s") Duration connectionTimeout) {

    /** Without the password: a log line or an exception message that prints the settings must not leak it. */
    @Override
    public String toString() {
        return "MqttProperties[url=" + url + ", username=" + username
                + ", password=" + (password == null ? "null" : "******") + ", clientId=" + clientId
                + ", topicRoot=" + topicRoot + ", topicFilter=" + topicFilter
                + ", receiveMaximum=" + receiveMaximum + ", sessionExpiry=" + sessionExpiry
                + ", keepAlive=" + keepAlive + ", connectionTimeout=" + connectionTimeout + "]";
    }
}

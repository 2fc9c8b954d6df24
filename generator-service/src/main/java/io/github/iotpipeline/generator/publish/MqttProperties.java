package io.github.iotpipeline.generator.publish;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the MQTT broker.
 *
 * @param url broker URL, such as {@code tcp://mosquitto:1883}
 * @param username user name, or empty for anonymous access
 * @param password password, or empty
 * @param clientId MQTT client id; must be unique on the broker
 * @param topicRoot prefix of every topic, empty in production; lets test runs share a broker
 * @param connectTimeout how long one connection attempt may take
 * @param maxReconnectDelay longest pause between reconnection attempts while the broker is away
 * @param shutdownTimeout how long shutdown waits for acknowledgements of publications in flight; Paho waits
 *        this long even when nothing is in flight, so keep it short
 */
@Validated
@ConfigurationProperties("mqtt")
record MqttProperties(
        @DefaultValue("tcp://localhost:1883") @NotBlank String url,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("iot-generator") @NotBlank String clientId,
        @DefaultValue("") String topicRoot,
        @DefaultValue("10s") @NotNull @DurationMin(seconds = 1) Duration connectTimeout,
        @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration maxReconnectDelay,
        @DefaultValue("1s") @NotNull Duration shutdownTimeout) {

    /** Keeps the password out of logs and failure analyses. */
    @Override
    public String toString() {
        return "MqttProperties[url=" + url + ", username=" + username + ", clientId=" + clientId
                + ", topicRoot=" + topicRoot + "]";
    }
}

package io.github.iotpipeline.collector.ingest;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while the collector is connected; DOWN, with the last error, while it reconnects. A subscribe that timed
 * out does not make it DOWN: the persistent session keeps delivering on the subscription the broker holds.
 */
@Component
class MqttHealthIndicator implements HealthIndicator {

    private final MqttConnectionState state;
    private final MqttProperties properties;

    MqttHealthIndicator(MqttConnectionState state, MqttProperties properties) {
        this.state = state;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health = state.connected() ? Health.up() : Health.down();
        health.withDetail("broker", properties.url())
                .withDetail("clientId", properties.clientId())
                .withDetail("subscription", state.subscribed() ? "confirmed" : "not confirmed yet")
                .withDetail("since", state.since().toString());
        if (state.lastError() != null || !state.connected()) {
            health.withDetail("lastError", state.lastError() == null ? "not connected yet" : state.lastError());
        }
        return health.build();
    }
}

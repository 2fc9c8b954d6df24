package io.github.iotpipeline.collector.health;

import io.github.iotpipeline.collector.ingest.MqttConnectionState;
import io.github.iotpipeline.collector.ingest.MqttProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP while the collector is connected and subscribed; DOWN, with the last error, while it reconnects. */
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
                .withDetail("since", state.since().toString());
        if (!state.connected()) {
            health.withDetail("lastError", state.lastError() == null ? "not connected yet" : state.lastError());
        }
        return health.build();
    }
}

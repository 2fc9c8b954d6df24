package io.github.iotpipeline.generator.publish;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Reported as {@code mqtt}: UP while the client is connected to the broker. */
@Component
class MqttHealthIndicator implements HealthIndicator {

    private final BrokerLink link;

    MqttHealthIndicator(BrokerLink link) {
        this.link = link;
    }

    @Override
    public Health health() {
        Health.Builder health = link.isConnected() ? Health.up() : Health.down();
        return health.withDetail("url", link.url())
                .withDetail("inFlight", link.inFlight())
                .build();
    }
}

package io.github.iotpipeline.collector.schema;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN until the schema is migrated and matches the entities; nothing is written before. */
@Component
class SchemaHealthIndicator implements HealthIndicator {

    private final SchemaMigration migration;

    SchemaHealthIndicator(SchemaMigration migration) {
        this.migration = migration;
    }

    @Override
    public Health health() {
        return migration.ready() ? Health.up().build() : Health.down().withDetail("reason", migration.problem()).build();
    }
}

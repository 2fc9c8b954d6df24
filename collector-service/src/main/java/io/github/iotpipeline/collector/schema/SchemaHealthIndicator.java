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
        if (migration.ready()) {
            return Health.up().build();
        }
        String problem = migration.problem();
        return Health.down().withDetail("reason", problem == null ? "not migrated yet" : problem).build();
    }
}

package io.github.iotpipeline.collector.archive;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The raw archive's long-term side: DOWN while closing days fails, with the error. It is not part of
 * readiness, because readings still flow and are archived meanwhile; only the closing waits.
 */
@Component("rawArchiveHealthIndicator")
// Not while replaying the archive: that process only reads and writes the database.
@Profile("!command")
class ArchiveHealthIndicator implements HealthIndicator {

    private final DayClosing closing;
    private final RawArchive archive;

    ArchiveHealthIndicator(DayClosing closing, RawArchive archive) {
        this.closing = closing;
        this.archive = archive;
    }

    @Override
    public Health health() {
        ArchiveStatus status = closing.status();
        Health.Builder health = status.lastError() == null ? Health.up() : Health.down();
        health.withDetail("directory", archive.directory().toString())
                .withDetail("daysWaitingToClose", status.daysWaiting())
                .withDetail("daysClosed", status.daysClosed());
        if (status.lastClosedDay() != null) {
            health.withDetail("lastClosedDay", String.valueOf(status.lastClosedDay()));
        }
        if (status.lastSuccess() != null) {
            health.withDetail("lastSuccess", String.valueOf(status.lastSuccess()));
        }
        if (status.lastError() != null) {
            health.withDetail("lastError", String.valueOf(status.lastError()));
        }
        return health.build();
    }
}

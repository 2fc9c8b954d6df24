package io.github.iotpipeline.collector.objectstore;

import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN while uploads fail, with the error and when the next attempt is due. Not part of readiness: readings
 * still flow, and the days wait on local disk until the store answers again.
 */
class ObjectStoreHealthIndicator implements HealthIndicator {

    private final ArchiveUploads uploads;
    private final ObjectStoreProperties properties;

    ObjectStoreHealthIndicator(ArchiveUploads uploads, ObjectStoreProperties properties) {
        this.uploads = uploads;
        this.properties = properties;
    }

    @Override
    public Health health() {
        UploadStatus status = uploads.status();
        Health.Builder health = status.lastError() == null ? Health.up() : Health.down();
        health.withDetail("bucket", properties.bucket())
                .withDetail("endpoint", Objects.toString(properties.endpoint(), "AWS S3"))
                .withDetail("prefix", properties.prefix() + "/" + properties.instanceId())
                .withDetail("daysWaitingToUpload", status.daysWaiting())
                .withDetail("daysUploaded", status.daysUploaded());
        detail(health, "lastUploadedDay", status.lastUploadedDay());
        detail(health, "lastSuccess", status.lastSuccess());
        detail(health, "lastError", status.lastError());
        detail(health, "nextAttempt", status.nextAttempt());
        return health.build();
    }

    private static void detail(Health.Builder health, String name, @org.jspecify.annotations.Nullable Object value) {
        if (value != null) {
            health.withDetail(name, value.toString());
        }
    }
}

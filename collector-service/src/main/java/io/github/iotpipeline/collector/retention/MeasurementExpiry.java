package io.github.iotpipeline.collector.retention;

import java.time.Duration;

import io.github.iotpipeline.collector.background.PeriodicTask;
import io.github.iotpipeline.collector.schema.SchemaMigration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes measurements older than the retention through {@code expire_measurements}, a database function
 * that runs as the schema owner, so the collector's own role needs no DELETE on the table. Runs on its own
 * thread ({@link PeriodicTask}): a long first expiry must not delay the MQTT client's reconnects.
 */
@Component
// Not while replaying the archive: that process only reads and writes the database.
@Profile("!command")
class MeasurementExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MeasurementExpiry.class);
    private static final Duration FIRST_CHECK_DELAY = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final SchemaMigration schema;
    private final RetentionProperties properties;
    private final Counter expired;
    private final PeriodicTask task;

    MeasurementExpiry(JdbcTemplate jdbc, SchemaMigration schema, RetentionProperties properties,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.properties = properties;
        this.task = new PeriodicTask("measurement-expiry", this::runCheck, FIRST_CHECK_DELAY,
                properties.checkInterval());
        this.expired = Counter.builder("collector.measurements.expired")
                .description("Raw measurements deleted because they were older than the retention")
                .register(registry);
    }

    /**
     * Deletes every measurement older than the retention, a batch per transaction, and returns how many.
     * Does nothing when no retention is configured.
     */
    public long expireNow() {
        if (!properties.enabled()) {
            return 0;
        }
        long seconds = properties.keepMeasurements().toSeconds();
        long total = 0;
        long deleted;
        do {
            deleted = jdbc.queryForObject("select expire_measurements(make_interval(secs => ?), ?)", Long.class,
                    seconds, properties.batchLimit());
            total += deleted;
            expired.increment(deleted);
        }
        while (deleted == properties.batchLimit());
        return total;
    }

    private void runCheck() {
        if (!schema.ready()) {
            return;
        }
        try {
            long deleted = expireNow();
            if (deleted > 0) {
                log.info("Deleted {} measurements older than {}", deleted, properties.keepMeasurements());
            }
        }
        catch (RuntimeException ex) {
            // The next check tries again; the rows only wait a little longer.
            log.warn("Expiring old measurements failed: {}", ex.getMessage());
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Raw measurements are kept forever (collector.retention.keep-measurements is not set)");
            return;
        }
        log.info("Raw measurements older than {} are deleted; rollups and raw files are kept",
                properties.keepMeasurements());
        task.start();
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}

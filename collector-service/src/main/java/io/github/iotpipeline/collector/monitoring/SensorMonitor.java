package io.github.iotpipeline.collector.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.iotpipeline.collector.background.PeriodicTask;
import io.github.iotpipeline.collector.schema.SchemaMigration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Polls every sensor's staleness and completeness and publishes them as gauges per sensor; the latest
 * snapshot also feeds the {@code sensors} health indicator. Status changes are logged once, when they
 * happen, not on every poll.
 */
@Component
// Not while replaying the archive: that process only reads and writes the database.
@Profile("!command")
class SensorMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SensorMonitor.class);

    private final SensorStatusQuery query;
    private final SchemaMigration schema;
    private final SensorMonitorProperties properties;
    private final Clock clock;
    private final MultiGauge staleness;
    private final MultiGauge completeness;
    private final MultiGauge silent;
    private volatile @Nullable Snapshot latest;
    private volatile @Nullable String problem = "not checked yet";
    private final PeriodicTask task;

    SensorMonitor(SensorStatusQuery query, SchemaMigration schema, SensorMonitorProperties properties, Clock clock,
            MeterRegistry registry) {
        this.query = query;
        this.schema = schema;
        this.properties = properties;
        this.clock = clock;
        this.staleness = MultiGauge.builder("collector.sensor.staleness").baseUnit("seconds")
                .description("Time since a reading of the sensor was last received").register(registry);
        this.completeness = MultiGauge.builder("collector.sensor.completeness").baseUnit("ratio")
                .description("Readings received over readings expected from the sensor's nominal interval, "
                        + "over the completeness window")
                .register(registry);
        this.task = new PeriodicTask("sensor-monitor", this::poll, Duration.ZERO, properties.pollInterval());
        this.silent = MultiGauge.builder("collector.sensor.silent")
                .description("1 while the sensor is silent (nothing received for longer than its silent_after)")
                .register(registry);
    }

    /** The statuses of the last successful poll, or null before the first one. */
    @Nullable Snapshot latest() {
        return latest;
    }

    /** Why the last poll failed, or null if it succeeded. */
    @Nullable String problem() {
        return problem;
    }

    /** Reads the statuses now; the schedule calls this, and tests that cannot wait for it. */
    void poll() {
        if (!schema.ready()) {
            problem = "schema not ready";
            return;
        }
        try {
            List<SensorStatus> statuses = query.read(properties.completenessWindow());
            logChanges(statuses);
            publish(statuses);
            latest = new Snapshot(statuses, clock.instant());
            problem = null;
        }
        catch (RuntimeException ex) {
            // Keeps the last snapshot: its checkedAt tells how old it is.
            problem = ex.getMessage();
            log.debug("Reading the sensor statuses failed: {}", ex.getMessage());
        }
    }

    private void publish(List<SensorStatus> statuses) {
        staleness.register(statuses.stream().filter(status -> status.staleness() != null)
                .map(status -> MultiGauge.Row.of(Tags.of("sensor", status.sensorId()),
                        status.staleness().toMillis() / 1000.0))
                .toList(), true);
        completeness.register(statuses.stream()
                .map(status -> MultiGauge.Row.of(Tags.of("sensor", status.sensorId()), status.completeness()))
                .toList(), true);
        silent.register(statuses.stream()
                .map(status -> MultiGauge.Row.of(Tags.of("sensor", status.sensorId()), status.silent() ? 1 : 0))
                .toList(), true);
    }

    private void logChanges(List<SensorStatus> statuses) {
        Snapshot previous = latest;
        if (previous == null) {
            List<String> notOk = statuses.stream().filter(status -> !"ok".equals(status.status()))
                    .map(status -> status.sensorId() + " " + status.status()).toList();
            log.info("Watching {} registered sensors; not ok: {}", statuses.size(), notOk.isEmpty() ? "none" : notOk);
            return;
        }
        for (SensorStatus status : statuses) {
            String before = previous.statusOf(status.sensorId());
            if (!status.status().equals(before)) {
                log.info("Sensor {} is {} (was {}); last received {}", status.sensorId(), status.status(), before,
                        status.lastReceivedAt() == null ? "never" : status.lastReceivedAt());
            }
        }
    }

    @Override
    public void start() {
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

    /** One poll's result. */
    record Snapshot(List<SensorStatus> statuses, Instant checkedAt) {

        String statusOf(String sensorId) {
            return statuses.stream().filter(status -> status.sensorId().equals(sensorId))
                    .map(SensorStatus::status).findFirst().orElse("ok");
        }
    }
}

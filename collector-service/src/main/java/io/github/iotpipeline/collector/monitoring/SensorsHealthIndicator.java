package io.github.iotpipeline.collector.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Lists the late and silent sensors in the health details. Always UP (UNKNOWN before the first check): a
 * silent sensor is a problem of the data, and restarting or unrouting the collector would not fix it, so it
 * belongs to neither probe. Alert on {@code collector_sensor_silent} instead.
 */
@Component("sensors")
// Not while replaying the archive: that process only reads and writes the database.
@Profile("!command")
class SensorsHealthIndicator implements HealthIndicator {

    private final SensorMonitor monitor;

    SensorsHealthIndicator(SensorMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        SensorMonitor.Snapshot snapshot = monitor.latest();
        if (snapshot == null) {
            return Health.unknown().withDetail("problem", String.valueOf(monitor.problem())).build();
        }
        Health.Builder health = Health.up()
                .withDetail("checkedAt", snapshot.checkedAt().toString())
                .withDetail("silent", snapshot.statuses().stream().filter(SensorStatus::silent)
                        .map(SensorStatus::sensorId).toList())
                .withDetail("late", snapshot.statuses().stream().filter(SensorStatus::late)
                        .map(SensorStatus::sensorId).toList());
        Map<String, Object> sensors = new LinkedHashMap<>();
        for (SensorStatus status : snapshot.statuses()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", status.status());
            detail.put("stalenessSeconds", status.staleness() == null ? null : status.staleness().toSeconds());
            detail.put("completeness", Math.round(status.completeness() * 1000) / 1000.0);
            sensors.put(status.sensorId(), detail);
        }
        health.withDetail("sensors", sensors);
        if (monitor.problem() != null) {
            health.withDetail("problem", monitor.problem());
        }
        return health.build();
    }
}

package io.github.iotpipeline.collector.quality;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Component;

/**
 * The sensor registry, cached. It is reloaded every {@code refresh-interval}, and sooner when a reading
 * names a sensor the cache does not know (at most once per {@code miss-refresh-interval}), so a sensor
 * registered while the collector runs is recognised within seconds.
 * <p>
 * One JPQL query rather than a Spring Data repository: it was the only one, and without it the repository
 * machinery need not start at all (its start-up cost was within the spread of start-up times, BENCHMARKS.md).
 */
@Component
class SensorCatalog {

    private final QualityProperties properties;
    private final Clock clock;

    private volatile Map<String, SensorRange> ranges = Map.of();
    private volatile Instant loadedAt = Instant.MIN;

    @PersistenceContext
    private EntityManager entityManager;

    SensorCatalog(QualityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    Optional<SensorRange> find(String sensorId) {
        Instant now = clock.instant();
        if (isOlderThan(properties.refreshInterval(), now)
                || (!ranges.containsKey(sensorId) && isOlderThan(properties.missRefreshInterval(), now))) {
            reload(now);
        }
        return Optional.ofNullable(ranges.get(sensorId));
    }

    private boolean isOlderThan(Duration age, Instant now) {
        return !loadedAt.plus(age).isAfter(now);
    }

    private synchronized void reload(Instant now) {
        ranges = entityManager.createQuery("select s from Sensor s", Sensor.class).getResultList().stream()
                .collect(Collectors.toUnmodifiableMap(Sensor::getId,
                        sensor -> new SensorRange(sensor.getMinValue(), sensor.getMaxValue())));
        loadedAt = now;
    }

    /** The plausible range of one sensor's readings. */
    record SensorRange(double min, double max) {

        boolean contains(double value) {
            return value >= min && value <= max;
        }
    }
}

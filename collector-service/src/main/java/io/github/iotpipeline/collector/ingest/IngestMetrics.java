package io.github.iotpipeline.collector.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.iotpipeline.collector.storage.MeasurementStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The collector's own accounting, exposed through Actuator metrics. Every received message ends in exactly
 * one of stored, duplicates or rejected, or is still buffered:
 * {@code received = stored + duplicates + rejected + buffered} holds at every moment of a process's life.
 */
@Component
class IngestMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter received;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter acknowledged;
    private final Counter ackSkipped;
    private final Counter rawBytes;
    private final DistributionSummary batchSize;
    private final Timer flushDuration;
    private final Timer latency;
    private final AtomicReference<Instant> newestReading = new AtomicReference<>();

    IngestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.received = Counter.builder("collector.messages.received")
                .description("MQTT messages received, valid or not").register(registry);
        this.stored = Counter.builder("collector.readings.stored")
                .description("Readings inserted as new rows").register(registry);
        this.duplicates = Counter.builder("collector.readings.duplicates")
                .description("Readings already stored, or twice in one batch, and so not inserted").register(registry);
        this.acknowledged = registry.counter("collector.messages.acknowledged");
        this.ackSkipped = Counter.builder("collector.messages.ack.skipped")
                .description("Stored messages left for the broker to redeliver (earlier connection)")
                .register(registry);
        this.rawBytes = registry.counter("collector.raw.bytes.written");
        this.batchSize = DistributionSummary.builder("collector.batch.size").register(registry);
        this.flushDuration = Timer.builder("collector.batch.flush.duration").publishPercentileHistogram()
                .register(registry);
        // A histogram, so percentiles can be taken over any period (histogram_quantile in PromQL); the two
        // latency targets are bucket bounds of their own, so the share of readings within each is exact.
        this.latency = Timer.builder("collector.reading.latency")
                .description("From a reading's timestamp to the commit of the batch that stored it")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofMillis(5500))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("collector.last.reading.age", this, IngestMetrics::newestReadingAgeSeconds)
                .description("Seconds since the timestamp of the newest reading stored").baseUnit("seconds")
                .register(registry);
    }

    void received() {
        received.increment();
    }

    void archived(long bytes) {
        rawBytes.increment(bytes);
    }

    /**
     * Counts what one store did. A redelivered dead letter found stored already is among the duplicates, not
     * the rejected: counted as both, it would break received = stored + duplicates + rejected + buffered.
     */
    void stored(MeasurementStore.Stored result) {
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
        for (String reason : result.rejectedReasons()) {
            registry.counter("collector.messages.rejected", "reason", reason).increment();
        }
    }

    /**
     * Records, for each reading of a committed batch, how long after its timestamp it was committed, and
     * remembers the newest timestamp for {@code collector.last.reading.age}.
     */
    void committed(List<Instant> timestamps) {
        Instant now = clock.instant();
        Instant newest = null;
        for (Instant timestamp : timestamps) {
            newest = newest == null || timestamp.isAfter(newest) ? timestamp : newest;
            long nanos = Duration.between(timestamp, now).toNanos();
            // A reading stamped ahead of its receipt (a clock running fast) has no meaningful latency.
            if (nanos >= 0) {
                latency.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
        if (newest != null) {
            newestReading.accumulateAndGet(newest, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
    }

    void writeFailed(Throwable error, boolean transientFailure) {
        registry.counter("collector.write.errors", "kind", transientFailure ? "transient" : "data",
                "exception", error.getClass().getSimpleName()).increment();
    }

    void acknowledged(int sent, int skipped) {
        acknowledged.increment(sent);
        ackSkipped.increment(skipped);
    }

    void flushed(int size, long nanos) {
        batchSize.record(size);
        flushDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    private double newestReadingAgeSeconds() {
        Instant newest = newestReading.get();
        return newest == null ? Double.NaN : Duration.between(newest, clock.instant()).toMillis() / 1000.0;
    }
}

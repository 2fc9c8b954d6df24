package io.github.iotpipeline.collector.archive;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The closing of archive days as metrics: days closed, bytes before and after, errors, last success. */
@Component
class ClosingMetrics {

    private final Counter closed;
    private final Counter plainBytes;
    private final Counter compressedBytes;
    private final Counter errors;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();

    ClosingMetrics(MeterRegistry registry) {
        this.closed = Counter.builder("collector.raw.days.closed")
                .description("Archive days compressed, verified against their manifest, plain file removed")
                .register(registry);
        this.plainBytes = Counter.builder("collector.raw.days.closed.plain").baseUnit("bytes")
                .description("Size of the plain files of the days closed").register(registry);
        this.compressedBytes = Counter.builder("collector.raw.days.closed.compressed").baseUnit("bytes")
                .description("Size of the compressed files they became").register(registry);
        this.errors = Counter.builder("collector.raw.close.errors")
                .description("Attempts to close an archive day that failed (each is tried again)")
                .register(registry);
        Gauge.builder("collector.raw.close.last.success", lastSuccess, AtomicLong::get).baseUnit("seconds")
                .description("When an archive day was last closed, in seconds since the epoch; 0 before the first")
                .register(registry);
        Gauge.builder("collector.raw.days.waiting", waiting, AtomicInteger::get)
                .description("Earlier archive days not closed yet").register(registry);
    }

    void waiting(int days) {
        waiting.set(days);
    }

    void closed(DayManifest manifest, Instant at) {
        closed.increment();
        plainBytes.increment(manifest.uncompressedBytes());
        compressedBytes.increment(manifest.bytes());
        lastSuccess.set(at.getEpochSecond());
    }

    void failed() {
        errors.increment();
    }
}

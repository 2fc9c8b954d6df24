package io.github.iotpipeline.collector.objectstore;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Uploads as metrics: days uploaded, bytes, errors, days waiting, last success, local copies removed. */
final class UploadMetrics {

    private final Counter uploaded;
    private final Counter bytes;
    private final Counter errors;
    private final Counter removed;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong lastSuccess = new AtomicLong();

    UploadMetrics(MeterRegistry registry) {
        this.uploaded = Counter.builder("collector.raw.days.uploaded")
                .description("Closed archive days uploaded to the object store and verified").register(registry);
        this.bytes = Counter.builder("collector.raw.uploaded").baseUnit("bytes")
                .description("Bytes uploaded and verified (compressed files and manifests)").register(registry);
        this.errors = Counter.builder("collector.raw.upload.errors")
                .description("Upload checks that failed (each is tried again with backoff)").register(registry);
        this.removed = Counter.builder("collector.raw.days.removed.local")
                .description("Uploaded days removed from local disk after the local retention")
                .register(registry);
        Gauge.builder("collector.raw.days.waiting.upload", waiting, AtomicInteger::get)
                .description("Closed archive days not uploaded yet").register(registry);
        Gauge.builder("collector.raw.upload.last.success", lastSuccess, AtomicLong::get).baseUnit("seconds")
                .description("When an upload check last succeeded, in seconds since the epoch; 0 before")
                .register(registry);
    }

    void uploaded(long byteCount) {
        uploaded.increment();
        bytes.increment(byteCount);
    }

    void removed() {
        removed.increment();
    }

    void checked(int daysWaiting, long epochSecond) {
        waiting.set(daysWaiting);
        lastSuccess.set(epochSecond);
    }

    void failed(int daysWaiting) {
        errors.increment();
        waiting.set(daysWaiting);
    }
}

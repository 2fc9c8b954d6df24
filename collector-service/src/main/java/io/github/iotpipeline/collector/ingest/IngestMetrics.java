package io.github.iotpipeline.collector.ingest;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotpipeline.collector.storage.MeasurementStore;
import io.github.iotpipeline.collector.storage.RejectedMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** The collector's own accounting, exposed through Actuator metrics. */
@Component
class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter written;
    private final Counter batchDuplicates;
    private final Counter acknowledged;
    private final Counter ackSkipped;
    private final Counter rawBytes;
    private final DistributionSummary batchSize;
    private final Timer flushDuration;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = registry.counter("collector.messages.received");
        this.written = registry.counter("collector.readings.written");
        this.batchDuplicates = registry.counter("collector.readings.batch.duplicates");
        this.acknowledged = registry.counter("collector.messages.acknowledged");
        this.ackSkipped = registry.counter("collector.messages.ack.skipped");
        this.rawBytes = registry.counter("collector.raw.bytes.written");
        this.batchSize = DistributionSummary.builder("collector.batch.size").register(registry);
        this.flushDuration = Timer.builder("collector.batch.flush.duration").publishPercentileHistogram()
                .register(registry);
    }

    void received() {
        received.increment();
    }

    void archived(long bytes) {
        rawBytes.increment(bytes);
    }

    void stored(MeasurementStore.Stored stored, List<RejectedMessage> rejected) {
        written.increment(stored.measurements());
        batchDuplicates.increment(stored.duplicatesInBatch());
        for (RejectedMessage message : rejected) {
            registry.counter("collector.messages.rejected", "reason", message.getReason()).increment();
        }
    }

    void acknowledged(int sent, int skipped) {
        acknowledged.increment(sent);
        ackSkipped.increment(skipped);
    }

    void flushed(int size, long nanos) {
        batchSize.record(size);
        flushDuration.record(nanos, TimeUnit.NANOSECONDS);
    }
}

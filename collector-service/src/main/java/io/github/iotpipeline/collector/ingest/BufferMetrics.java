package io.github.iotpipeline.collector.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** The buffer's state as gauges: how much is held, and whether writes are failing. */
@Component
class BufferMetrics implements MeterBinder {

    private final ReadingBuffer buffer;

    BufferMetrics(ReadingBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("collector.buffer.messages", buffer, b -> b.status().buffered())
                .description("Messages received and not yet acknowledged")
                .register(registry);
        Gauge.builder("collector.buffer.failures", buffer, b -> b.status().consecutiveFailures())
                .description("Consecutive failed attempts to write the current batch")
                .register(registry);
    }
}

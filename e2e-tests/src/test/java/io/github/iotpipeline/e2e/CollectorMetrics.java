package io.github.iotpipeline.e2e;

import io.github.iotpipeline.testsupport.PrometheusText;

/**
 * One scrape of the collector's accounting. Every message received is, at any moment, exactly one of: a new
 * row, a duplicate of a stored reading, a rejected message, or still buffered. The counters start at zero with
 * each process, so this holds for one process's lifetime.
 */
record CollectorMetrics(long received, long stored, long duplicates, long rejected, long buffered,
        long acknowledged) {

    static CollectorMetrics parse(String prometheus) {
        PrometheusText scrape = PrometheusText.parse(prometheus);
        return new CollectorMetrics(
                required(scrape, "collector_messages_received_total"),
                required(scrape, "collector_readings_stored_total"),
                required(scrape, "collector_readings_duplicates_total"),
                // Rejection counters exist per reason, from the first rejection on.
                Math.round(scrape.sum("collector_messages_rejected_total")),
                required(scrape, "collector_buffer_messages"),
                required(scrape, "collector_messages_acknowledged_total"));
    }

    boolean balanced() {
        return received == stored + duplicates + rejected + buffered;
    }

    @Override
    public String toString() {
        return "received " + received + " = stored " + stored + " + duplicates " + duplicates + " + rejected "
                + rejected + " + buffered " + buffered + " (acknowledged " + acknowledged + ")";
    }

    private static long required(PrometheusText scrape, String name) {
        if (!scrape.has(name)) {
            throw new AssertionError("/actuator/prometheus has no " + name + "; its collector_ metrics are "
                    + scrape.names().stream().filter(key -> key.startsWith("collector_")).toList());
        }
        return Math.round(scrape.sum(name));
    }
}

package io.github.iotpipeline.e2e;

import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of the collector's accounting. Every message received is, at any moment, exactly one of: a new
 * row, a duplicate of a stored reading, a rejected message, or still buffered. The counters start at zero with
 * each process, so this holds for one process's lifetime.
 */
record CollectorMetrics(long received, long stored, long duplicates, long rejected, long buffered,
        long acknowledged) {

    static CollectorMetrics parse(String prometheus) {
        Map<String, Double> sums = new TreeMap<>();
        for (String line : prometheus.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            String name = line.substring(0, nameEnd);
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            sums.merge(name, value, Double::sum);
        }
        return new CollectorMetrics(
                required(sums, "collector_messages_received_total"),
                required(sums, "collector_readings_stored_total"),
                required(sums, "collector_readings_duplicates_total"),
                // Rejection counters exist per reason, from the first rejection on.
                Math.round(sums.getOrDefault("collector_messages_rejected_total", 0.0)),
                required(sums, "collector_buffer_messages"),
                required(sums, "collector_messages_acknowledged_total"));
    }

    boolean balanced() {
        return received == stored + duplicates + rejected + buffered;
    }

    @Override
    public String toString() {
        return "received " + received + " = stored " + stored + " + duplicates " + duplicates + " + rejected "
                + rejected + " + buffered " + buffered + " (acknowledged " + acknowledged + ")";
    }

    private static long required(Map<String, Double> sums, String name) {
        Double value = sums.get(name);
        if (value == null) {
            throw new AssertionError("/actuator/prometheus has no " + name + "; its collector_ metrics are "
                    + sums.keySet().stream().filter(key -> key.startsWith("collector_")).toList());
        }
        return Math.round(value);
    }
}

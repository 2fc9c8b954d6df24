package io.github.iotpipeline.collector.ingest;

/** Reads values out of Prometheus' text exposition format, enough for tests. */
final class PrometheusText {

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /** The sum of all series of a metric, whatever their labels; 0 when absent. */
    double sum(String metric) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}

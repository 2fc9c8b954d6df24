package io.github.iotpipeline.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code /actuator/prometheus}, in Prometheus' text exposition format. Tests read a service's
 * metrics there rather than from its meter registry, so that they check the names, units and labels that
 * dashboards and alerts depend on; and they all read it with this one parser, so that comment lines, labels
 * (whose values may hold spaces, commas and braces) and values are handled alike everywhere.
 */
public final class PrometheusText {

    /** Name, labels, value, and a timestamp that is ignored; the labels are parsed by {@link #LABEL}. */
    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?");

    private static final Pattern LABEL =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(?:,|$)");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    /** Reads a scrape; a line that is neither a comment nor a sample fails here, naming the line. */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String sample = line.strip();
            if (!sample.isEmpty() && !sample.startsWith("#")) {
                samples.add(Sample.of(sample));
            }
        }
        return new PrometheusText(List.copyOf(samples));
    }

    /** The sum of all series of a metric, whatever their labels; 0 when it has none. */
    public double sum(String metric) {
        double sum = 0;
        for (Sample sample : samples) {
            if (sample.name().equals(metric)) {
                sum += sample.value();
            }
        }
        return sum;
    }

    /** Whether the metric has a series: a counter that nothing has incremented yet may have none. */
    public boolean has(String metric) {
        return samples.stream().anyMatch(sample -> sample.name().equals(metric));
    }

    /** The names of the metrics that have a series, for failure messages. */
    public SortedSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return Collections.unmodifiableSortedSet(names);
    }

    /** The value of the first series of the metric whose label has the given value; empty when none has. */
    public OptionalDouble value(String metric, String label, String labelValue) {
        return samples.stream()
                .filter(sample -> sample.name().equals(metric) && labelValue.equals(sample.labels().get(label)))
                .mapToDouble(Sample::value)
                .findFirst();
    }

    private record Sample(String name, Map<String, String> labels, double value) {

        static Sample of(String line) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("Not a Prometheus sample: " + line);
            }
            return new Sample(sample.group(1), labels(sample.group(2), line), value(sample.group(3), line));
        }

        private static Map<String, String> labels(String text, String line) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (text == null) {
                return labels;
            }
            Matcher label = LABEL.matcher(text);
            int at = 0;
            while (at < text.length() && !text.substring(at).isBlank()) {
                if (!label.region(at, text.length()).lookingAt()) {
                    throw new IllegalArgumentException("Unreadable labels in Prometheus sample: " + line);
                }
                labels.put(label.group(1), unescape(label.group(2)));
                at = label.end();
            }
            return labels;
        }

        private static double value(String text, String line) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(text);
                    }
                    catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("Unreadable value in Prometheus sample: " + line, ex);
                    }
                }
            };
        }

        /** Label values escape backslash, double quote and line feed with a backslash. */
        private static String unescape(String value) {
            StringBuilder plain = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length()) {
                    char escaped = value.charAt(++i);
                    plain.append(escaped == 'n' ? '\n' : escaped);
                }
                else {
                    plain.append(c);
                }
            }
            return plain.toString();
        }
    }
}

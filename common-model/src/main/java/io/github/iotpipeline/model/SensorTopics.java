package io.github.iotpipeline.model;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The topic layout {@code [root]sensors/{sensor_id}/readings}. The root is empty in production; it lets
 * several pipelines, or test runs, share one broker without seeing each other's readings.
 */
public record SensorTopics(String root) {

    public static final SensorTopics DEFAULT = new SensorTopics("");

    private static final String PREFIX = "sensors/";
    private static final String SUFFIX = "/readings";

    public SensorTopics {
        if (root == null) {
            root = "";
        }
        if (!root.isEmpty() && !root.endsWith("/")) {
            root = root + "/";
        }
        if (root.contains("+") || root.contains("#")) {
            throw new IllegalArgumentException("topic root must not contain wildcards: " + root);
        }
    }

    /** The topic a sensor publishes its readings on. */
    public String topicFor(String sensorId) {
        return root + PREFIX + sensorId + SUFFIX;
    }

    /** The subscription that matches every sensor's readings. */
    public String subscription() {
        return root + PREFIX + "+" + SUFFIX;
    }

    /** The sensor id a topic names, or empty when the topic is not a readings topic under this root. */
    public Optional<String> sensorIdOf(@Nullable String topic) {
        if (topic == null || !topic.startsWith(root + PREFIX) || !topic.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String id = topic.substring(root.length() + PREFIX.length(), topic.length() - SUFFIX.length());
        if (id.isEmpty() || id.contains("/")) {
            return Optional.empty();
        }
        return Optional.of(id);
    }
}

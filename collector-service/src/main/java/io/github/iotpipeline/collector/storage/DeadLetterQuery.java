package io.github.iotpipeline.collector.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which dead letters to read back: those not redriven yet, narrowed by any of reason, sensor and the time they
 * were received; none of them narrows nothing.
 *
 * @param reasons reason codes, any of which; empty for every reason
 * @param sensor the sensor the topic names ({@code rejected_messages.sensor_id}), or null for every one
 * @param from received at or after this, or null
 * @param to received before this, or null
 */
public record DeadLetterQuery(List<String> reasons, @Nullable String sensor, @Nullable Instant from,
        @Nullable Instant to) {

    public DeadLetterQuery {
        reasons = List.copyOf(reasons);
    }

    /** The SQL condition, with a {@code ?} for each of {@link #parameters()}, in order. */
    String condition() {
        StringBuilder condition = new StringBuilder("redriven_at is null");
        if (!reasons.isEmpty()) {
            condition.append(" and reason = any(?)");
        }
        if (sensor != null) {
            condition.append(" and sensor_id = ?");
        }
        if (from != null) {
            condition.append(" and received_at >= ?");
        }
        if (to != null) {
            condition.append(" and received_at < ?");
        }
        return condition.toString();
    }

    /** The values of the condition's parameters; the reasons as an array, for the caller to turn into SQL's. */
    List<Object> parameters() {
        List<Object> parameters = new ArrayList<>();
        if (!reasons.isEmpty()) {
            parameters.add(reasons.toArray(String[]::new));
        }
        if (sensor != null) {
            parameters.add(sensor);
        }
        if (from != null) {
            parameters.add(from);
        }
        if (to != null) {
            parameters.add(to);
        }
        return parameters;
    }
}

package io.github.iotpipeline.model;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import static io.github.iotpipeline.model.RejectReason.CONSTRAINT_VIOLATION;
import static io.github.iotpipeline.model.RejectReason.PAYLOAD_TOO_LARGE;
import static io.github.iotpipeline.model.RejectReason.TOPIC_MISMATCH;
import static io.github.iotpipeline.model.RejectReason.TOPIC_OUTSIDE_CONTRACT;

/**
 * The whole acceptance rule for one MQTT message: the topic names a sensor, the payload is within the size
 * limit and decodes strictly, the reading satisfies its constraints, and the sensor id in the payload is the
 * one in the topic. The first problem found is the reason given.
 */
public final class ReadingContract {

    private final SensorTopics topics;
    private final ReadingCodec codec;
    private final Validator validator;
    private final @Nullable KnownConstraints known;
    private final int maxPayloadBytes;

    public ReadingContract(SensorTopics topics, ReadingCodec codec, Validator validator, int maxPayloadBytes) {
        this.topics = topics;
        this.codec = codec;
        this.validator = validator;
        this.known = KnownConstraints.of(validator);
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Decoded check(String topic, byte[] payload) {
        Optional<String> topicSensor = topics.sensorIdOf(topic);
        if (topicSensor.isEmpty()) {
            return Decoded.rejected(TOPIC_OUTSIDE_CONTRACT,
                    "topic '" + topic + "' is not " + topics.topicFor("{sensor_id}"));
        }
        if (payload.length > maxPayloadBytes) {
            return Decoded.rejected(PAYLOAD_TOO_LARGE,
                    "payload has " + payload.length + " bytes, the limit is " + maxPayloadBytes);
        }
        Decoded decoded = codec.decode(payload);
        if (!(decoded instanceof Decoded.Accepted accepted)) {
            return decoded;
        }
        SensorReading reading = accepted.reading();
        if (known == null || !known.allMet(reading)) {
            Set<ConstraintViolation<SensorReading>> violations = validator.validate(reading);
            if (!violations.isEmpty()) {
                return Decoded.rejected(CONSTRAINT_VIOLATION, describe(violations));
            }
        }
        if (!reading.sensorId().equals(topicSensor.get())) {
            return Decoded.rejected(TOPIC_MISMATCH, "payload sensor_id '" + reading.sensorId()
                    + "' differs from the topic's '" + topicSensor.get() + "'");
        }
        return decoded;
    }

    /**
     * Whether a reading that meets every constraint is accepted without the validator ({@link KnownConstraints});
     * false only for a validator that knows other constraints than the record declares, which validates every one.
     */
    public boolean checksKnownConstraintsItself() {
        return known != null;
    }

    private static String describe(Set<ConstraintViolation<SensorReading>> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> wireName(v.getPropertyPath().toString()) + " " + v.getMessage())
                .collect(Collectors.joining("; "));
    }

    /** Reports the JSON field name the publisher wrote, not the Java component name. */
    private static String wireName(String property) {
        return switch (property) {
            case "sensorId" -> ReadingCodec.SENSOR_ID;
            default -> property;
        };
    }
}

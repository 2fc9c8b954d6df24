package io.github.iotpipeline.model;

import java.nio.charset.StandardCharsets;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingContractTests {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private final ReadingContract contract =
            new ReadingContract(SensorTopics.DEFAULT, new ReadingCodec(), VALIDATOR, 256);

    @Test
    void acceptsAReadingOnItsOwnTopic() {
        assertThat(check("sensors/sensor-1/readings", reading("sensor-1", "21.5")))
                .isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void rejectsASensorIdThatDiffersFromTheTopic() {
        assertThat(check("sensors/sensor-1/readings", reading("sensor-2", "21.5")))
                .isEqualTo(Decoded.rejected(RejectReason.TOPIC_MISMATCH,
                        "payload sensor_id 'sensor-2' differs from the topic's 'sensor-1'"));
    }

    @Test
    void rejectsATopicOutsideTheContract() {
        assertThat(reason(check("sensors/sensor-1/status", reading("sensor-1", "1"))))
                .isEqualTo(RejectReason.TOPIC_OUTSIDE_CONTRACT);
        assertThat(reason(check("sensors/a/b/readings", reading("sensor-1", "1"))))
                .isEqualTo(RejectReason.TOPIC_OUTSIDE_CONTRACT);
    }

    @Test
    void rejectsPayloadsOverTheLimitBeforeParsingThem() {
        String big = "{\"sensor_id\":\"sensor-1\",\"pad\":\"" + "x".repeat(300) + "\"}";

        assertThat(reason(check("sensors/sensor-1/readings", big))).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void appliesTheBeanValidationConstraints() {
        String sqlLooking = "x'; DROP TABLE measurements; --";
        String payload = "{\"sensor_id\":\"" + sqlLooking + "\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":1}";

        Decoded decoded = check("sensors/x/readings", payload);

        assertThat(reason(decoded)).isEqualTo(RejectReason.CONSTRAINT_VIOLATION);
        assertThat(((Decoded.Rejected) decoded).detail()).startsWith("sensor_id must start with a letter or digit");
    }

    @Test
    void rejectsNegativeSequenceNumbersAndControlCharactersInUnits() {
        assertThat(reason(check("sensors/s/readings",
                "{\"sensor_id\":\"s\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":1,\"seq\":-1}")))
                .isEqualTo(RejectReason.CONSTRAINT_VIOLATION);
        assertThat(reason(check("sensors/s/readings",
                "{\"sensor_id\":\"s\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":1,\"unit\":\"a\\u0000\"}")))
                .isEqualTo(RejectReason.CONSTRAINT_VIOLATION);
    }

    @Test
    void rejectsOverlongSensorIds() {
        String id = "s".repeat(65);

        assertThat(reason(new ReadingContract(SensorTopics.DEFAULT, new ReadingCodec(), VALIDATOR, 4096)
                .check("sensors/" + id + "/readings", reading(id, "1").getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(RejectReason.CONSTRAINT_VIOLATION);
    }

    private static String reading(String sensorId, String value) {
        return "{\"sensor_id\":\"" + sensorId + "\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":" + value + "}";
    }

    private Decoded check(String topic, String payload) {
        return contract.check(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static RejectReason reason(Decoded decoded) {
        return ((Decoded.Rejected) decoded).reason();
    }
}

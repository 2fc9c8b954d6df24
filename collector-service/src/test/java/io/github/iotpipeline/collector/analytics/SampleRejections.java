package io.github.iotpipeline.collector.analytics;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dead letters of several kinds over the last day, one binary payload among them, and one older
 * rejection that the "last 24 hours" queries must leave out.
 */
final class SampleRejections {

    private static final String INSERT = """
            INSERT INTO rejected_messages (received_at, topic, reason, detail, payload, payload_text, sensor_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /** The sensor a rejection counts against is the one its topic names, as the collector reads it. */
    private static final Pattern SENSOR_TOPIC = Pattern.compile("(?:^|/)sensors/([^/]+)/readings$");

    private final Instant now;

    SampleRejections(Instant now) {
        this.now = now;
    }

    void insertInto(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Rejection rejection : rejections()) {
                insert.setObject(1, OffsetDateTime.ofInstant(now.minus(rejection.age()), ZoneOffset.UTC));
                insert.setString(2, rejection.topic());
                insert.setString(3, rejection.reason());
                insert.setString(4, rejection.detail());
                insert.setBytes(5, rejection.payload());
                insert.setString(6, rejection.payloadText());
                insert.setString(7, sensorOf(rejection.topic()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<Rejection> rejections() {
        List<Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rejections.add(text(Duration.ofHours(1 + 6L * i), "sensors/sensor-1/readings", "malformed_json",
                    "payload is not JSON: unexpected end of input at offset 36",
                    "{\"sensor_id\":\"sensor-1\",\"timestamp\":"));
            rejections.add(text(Duration.ofHours(2 + 7L * i), "sensors/sensor-2/readings", "wrong_type",
                    "'value' must be a number, got a string",
                    "{\"sensor_id\":\"sensor-2\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":\"high\"}"));
        }
        for (int i = 0; i < 2; i++) {
            rejections.add(text(Duration.ofMinutes(45 + 300L * i), "sensors/sensor-3/readings", "topic_mismatch",
                    "'sensor_id' is sensor-4 but the topic names sensor-3",
                    "{\"sensor_id\":\"sensor-4\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":612}"));
        }
        rejections.add(new Rejection(Duration.ofHours(3), "sensors/sensor-5/readings", "invalid_utf8",
                "payload is not valid UTF-8 at byte 0",
                new byte[] { (byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1 }, null));
        rejections.add(text(Duration.ofHours(30), "sensors/sensor-4/readings", "missing_field",
                "'value' is missing", "{\"sensor_id\":\"sensor-4\",\"timestamp\":\"2026-01-01T00:00:00Z\"}"));
        return rejections;
    }

    private static String sensorOf(String topic) {
        Matcher matcher = SENSOR_TOPIC.matcher(topic);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Rejection text(Duration age, String topic, String reason, String detail, String payload) {
        return new Rejection(age, topic, reason, detail, payload.getBytes(StandardCharsets.UTF_8), payload);
    }

    private record Rejection(Duration age, String topic, String reason, String detail, byte[] payload,
            String payloadText) {
    }
}

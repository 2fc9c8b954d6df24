package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

import io.github.iotpipeline.model.ReadingCodec;
import io.github.iotpipeline.model.ReadingContract;
import io.github.iotpipeline.model.SensorTopics;
import jakarta.validation.Validation;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Archive lines as the collector writes them, and a contract to count them with. */
final class ArchiveDays {

    static final ReadingContract CONTRACT = new ReadingContract(SensorTopics.DEFAULT, new ReadingCodec(),
            Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                    .buildValidatorFactory().getValidator(), 16384);

    private ArchiveDays() {
    }

    /** The archive's settings as collector.yml has them, in the given directory. */
    static ArchiveProperties properties(Path directory) {
        return new ArchiveProperties(directory, Duration.ofMinutes(2), Duration.ofMinutes(1));
    }

    /** The archive line of a valid reading of sensor-1 received at the instant. */
    static String reading(Instant receivedAt, long seq) {
        return reading(receivedAt, seq, "sensors/sensor-1/readings");
    }

    /** The same, on the given topic (a topic root of its own, say). */
    static String reading(Instant receivedAt, long seq, String topic) {
        return reading(receivedAt, seq, topic, "sensor-1");
    }

    /** The archive line of a valid reading of the sensor, on its topic. */
    static String readingOf(String sensorId, Instant receivedAt, long seq) {
        return reading(receivedAt, seq, "sensors/" + sensorId + "/readings", sensorId);
    }

    private static String reading(Instant receivedAt, long seq, String topic, String sensorId) {
        String payload = "{\\\"sensor_id\\\":\\\"" + sensorId + "\\\",\\\"timestamp\\\":\\\"" + receivedAt
                + "\\\",\\\"value\\\":21.5,\\\"unit\\\":\\\"°C\\\",\\\"seq\\\":" + seq + "}";
        return line(receivedAt, topic, payload);
    }

    /** The archive line of a message the contract refuses. */
    static String refusal(Instant receivedAt) {
        return line(receivedAt, "sensors/sensor-1/readings", "{broken");
    }

    private static String line(Instant receivedAt, String topic, String payload) {
        return "{\"received_at\":\"" + receivedAt + "\",\"topic\":\"" + topic + "\",\"qos\":1,"
                + "\"retained\":false,\"duplicate\":false,\"payload\":\"" + payload + "\"}\n";
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}

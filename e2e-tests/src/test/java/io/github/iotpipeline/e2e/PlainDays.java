package io.github.iotpipeline.e2e;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * A day of the raw archive still open, as a collector leaves it when it stops before midnight: the plain file
 * of archive lines that the next start closes. For the tests of what happens to a day after that.
 */
final class PlainDays {

    private PlainDays() {
    }

    /** Writes the day's plain file, readings of 50 sensors 100 ms apart; returns the file's SHA-256. */
    static String write(Path file, LocalDate day, int lines) throws IOException {
        Files.createDirectories(file.getParent());
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                Instant at = start.plusMillis(i * 100L);
                out.write("{\"received_at\":\"" + at + "\",\"topic\":\"sensors/sensor-" + (i % 50)
                        + "/readings\",\"qos\":1,\"retained\":false,\"duplicate\":false,"
                        + "\"payload\":\"{\\\"sensor_id\\\":\\\"sensor-" + (i % 50)
                        + "\\\",\\\"timestamp\\\":\\\"" + at + "\\\",\\\"value\\\":"
                        + (i % 1000) / 10.0 + ",\\\"seq\\\":" + i + "}\"}\n");
            }
        }
        return sha256(Files.newInputStream(file));
    }

    /** The SHA-256 of what the stream holds, lower-case hex; closes the stream. */
    static String sha256(InputStream stream) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        try (InputStream in = stream) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

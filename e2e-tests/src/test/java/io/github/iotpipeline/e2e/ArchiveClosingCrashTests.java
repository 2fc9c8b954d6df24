package io.github.iotpipeline.e2e;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.archive.DayManifest;
import io.github.iotpipeline.testsupport.CollectorArguments;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector, as its own JVM, is killed (SIGKILL) while it compresses a day it found open at start-up. The
 * plain file is still there, and the next start closes the day: the compressed file holds every byte of it
 * and matches its manifest.
 */
class ArchiveClosingCrashTests {

    private static final int LINES = 600_000;

    @TempDir
    Path work;

    @Test
    void aKillDuringCompressionLeavesThePlainFileAndTheNextStartClosesTheDay() throws Exception {
        Path raw = work.resolve("raw");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        ArchiveFiles files = new ArchiveFiles(raw);
        String original = writeDay(files.plain(day), day);
        String name = TestBroker.uniqueName("closing-crash");
        try (TestDatabase database = TestDatabase.create("closing_crash");
                CollectorProcess collector = new CollectorProcess(
                        CollectorArguments.of(database, TestBroker.url(), name, raw), work.resolve("collector.log"))) {
            collector.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(ArchiveFiles.temporary(files.compressed(day))));
            collector.kill();

            assertThat(files.plain(day)).as("the plain file, after a kill mid-compression").exists();
            assertThat(sha256(Files.newInputStream(files.plain(day)))).isEqualTo(original);

            collector.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(files.manifest(day)) && !Files.exists(files.plain(day)));

            DayManifest manifest = files.readManifest(day);
            assertThat(manifest.lines()).isEqualTo(LINES);
            assertThat(files.mismatch(day, manifest)).isNull();
            assertThat(sha256(new GZIPInputStream(Files.newInputStream(files.compressed(day))))).isEqualTo(original);
            assertThat(ArchiveFiles.temporary(files.compressed(day))).doesNotExist();
        }
        finally {
            MqttTestClient.clearSession(TestBroker.url(), name);
        }
    }

    /** A day of archive lines, big enough for its compression to take seconds; returns the file's SHA-256. */
    private static String writeDay(Path file, LocalDate day) throws IOException {
        Files.createDirectories(file.getParent());
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
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

    private static String sha256(InputStream stream) throws IOException {
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

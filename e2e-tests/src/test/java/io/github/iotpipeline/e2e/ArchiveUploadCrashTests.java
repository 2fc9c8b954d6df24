package io.github.iotpipeline.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.archive.DayManifest;
import io.github.iotpipeline.testsupport.CollectorArguments;
import io.github.iotpipeline.testsupport.MqttTestClient;
import io.github.iotpipeline.testsupport.S3TestServer;
import io.github.iotpipeline.testsupport.TcpProxy;
import io.github.iotpipeline.testsupport.TestBroker;
import io.github.iotpipeline.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector, as its own JVM, is killed (SIGKILL) while it uploads a closed day to the object store, which
 * it reaches through a proxy that holds the upload at a chosen point: half-way through the compressed file;
 * once the compressed file is stored and verified, before the manifest; or once both are stored, before the
 * manifest is verified and the day marked uploaded. The store sees the connection drop. Nothing is marked
 * uploaded then, and the local copy is intact, so the next start uploads the day again under the same keys:
 * the bucket holds the compressed file and its manifest once each, byte for byte, and the local copy goes only
 * after that, once the retention has passed.
 */
class ArchiveUploadCrashTests {

    private static final String BUCKET = "iot-archive";
    /** Enough for a compressed file of about a megabyte, so that a hold half-way falls inside its body. */
    private static final int LINES = 100_000;
    /** Where in the compressed file's request the first test holds it: well past its headers. */
    private static final long MID_FILE = 256 * 1024;
    private static final Duration RETENTION = Duration.ofSeconds(5);
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");

    @TempDir
    Path work;

    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    private final String name = TestBroker.uniqueName("upload-crash");
    private ArchiveFiles files;
    private S3TestServer store;
    private S3Client s3;
    private TcpProxy proxy;

    @BeforeEach
    void startStore() throws IOException {
        files = new ArchiveFiles(work.resolve("raw"));
        store = S3TestServer.start(Files.createDirectories(work.resolve("store")));
        s3 = S3Client.builder()
                .endpointOverride(store.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
        s3.createBucket(request -> request.bucket(BUCKET));
        proxy = TcpProxy.start("127.0.0.1", store.port());
    }

    @AfterEach
    void stopStore() throws InterruptedException {
        proxy.close();
        s3.close();
        store.close();
        MqttTestClient.clearSession(TestBroker.url(), name);
    }

    @Test
    void aKillHalfWayThroughTheCompressedFileLeavesTheDayToUploadAgain() throws Exception {
        String original = PlainDays.write(files.plain(day), day, LINES);
        proxy.hold().from(files.compressed(day).getFileName().toString(), MID_FILE);

        killAtTheHoldAndStartAgain(original, List.of());
    }

    @Test
    void aKillAfterTheCompressedFileBeforeTheManifestLeavesTheDayToUploadAgain() throws Exception {
        String original = PlainDays.write(files.plain(day), day, LINES);
        proxy.hold().from(files.manifest(day).getFileName().toString(), 0);

        killAtTheHoldAndStartAgain(original, List.of(key(files.compressed(day))));
    }

    @Test
    void aKillAfterBothObjectsBeforeTheirVerificationLeavesTheDayToUploadAgain() throws Exception {
        String original = PlainDays.write(files.plain(day), day, LINES);
        // The manifest's HEAD request, which checks what the store holds once its PUT has been answered.
        proxy.hold().from("HEAD /" + BUCKET + "/" + key(files.manifest(day)), 0);

        killAtTheHoldAndStartAgain(original, List.of(key(files.compressed(day)), key(files.manifest(day))));
    }

    /**
     * Starts the collector, which closes the day and uploads it until the proxy holds the upload; kills it
     * there, drops its connection to the store, and starts it again, now with nothing held.
     *
     * @param storedAtTheKill the keys the bucket holds at the kill
     */
    private void killAtTheHoldAndStartAgain(String original, List<String> storedAtTheKill) throws Exception {
        try (TestDatabase database = TestDatabase.create("upload_crash");
                CollectorProcess collector = new CollectorProcess(arguments(database),
                        work.resolve("collector.log"))) {
            collector.start();
            await("the upload, held by the proxy; " + collector.describe()).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20)).until(proxy.hold()::holding);
            collector.kill();
            // The connection to the store drops, as the kernel closes a dead process's sockets.
            proxy.cut();
            proxy.hold().release();
            proxy.restore();

            DayManifest manifest = files.readManifest(day);
            assertThat(manifest.bytes()).as("the compressed file, past the first test's hold")
                    .isGreaterThan(2 * MID_FILE);
            assertThat(files.uploaded(day)).as("the day, not marked uploaded").doesNotExist();
            assertThat(files.mismatch(day, manifest)).as("the local copy, intact").isNull();
            // s3proxy writes an object under a temporary name of its own and removes it when the request breaks.
            await("the bucket at the kill").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(keys()).isEqualTo(storedAtTheKill));
            byte[] compressed = Files.readAllBytes(files.compressed(day));
            byte[] manifestFile = Files.readAllBytes(files.manifest(day));

            collector.start();
            await("the day, uploaded; " + collector.describe()).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(files.uploaded(day)));
            List<String> marker = Files.readAllLines(files.uploaded(day));

            assertThat(keys()).as("the bucket after the upload")
                    .containsExactly(key(files.compressed(day)), key(files.manifest(day)));
            byte[] stored = object(key(files.compressed(day)));
            assertThat(stored).isEqualTo(compressed);
            assertThat(PlainDays.sha256(new ByteArrayInputStream(stored))).isEqualTo(manifest.sha256());
            assertThat(PlainDays.sha256(new GZIPInputStream(new ByteArrayInputStream(stored)))).isEqualTo(original);
            assertThat(object(key(files.manifest(day)))).isEqualTo(manifestFile);
            assertThat(marker).as("the marker: what is stored where").containsExactly(
                    key(files.compressed(day)) + " " + eTag(key(files.compressed(day))),
                    key(files.manifest(day)) + " " + eTag(key(files.manifest(day))));

            await("the local copy, removed after the retention").atMost(RETENTION.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> dayFiles().isEmpty());
            assertThat(keys()).hasSize(2);
            String log = Files.readString(collector.log());
            assertThat(log).as("the upload, logged once").containsOnlyOnce("Uploaded the raw archive day " + day);
            assertThat(STACK_FRAME.matcher(log).find()).as("no stack trace in " + collector.log()).isFalse();
        }
    }

    private CollectorArguments arguments(TestDatabase database) {
        return CollectorArguments.of(database, TestBroker.url(), name, files.directory()).with(Map.of(
                "collector.raw.store.bucket", BUCKET,
                "collector.raw.store.endpoint", "http://127.0.0.1:" + proxy.port(),
                "collector.raw.store.path-style", true,
                "collector.raw.store.access-key-id", S3TestServer.ACCESS_KEY,
                "collector.raw.store.secret-access-key", S3TestServer.SECRET_KEY,
                "collector.raw.store.instance-id", name,
                "collector.raw.store.local-retention", RETENTION.toSeconds() + "s",
                "collector.raw.store.check-interval", "200ms",
                "collector.raw.store.retry-backoff", "500ms",
                "collector.raw.store.max-retry-backoff", "1s"));
    }

    /** Where the collector stores the file: under its instance id, the day's year and month. */
    private String key(Path file) {
        return "raw/%s/%04d/%02d/%s".formatted(name, day.getYear(), day.getMonthValue(), file.getFileName());
    }

    /** Every object in the bucket; s3proxy's directory backend also lists its folders, which are not objects. */
    private List<String> keys() {
        return s3.listObjectsV2(request -> request.bucket(BUCKET)).contents().stream().map(S3Object::key)
                .filter(key -> !key.endsWith("/")).sorted().toList();
    }

    private byte[] object(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray();
    }

    private String eTag(String key) {
        return s3.headObject(request -> request.bucket(BUCKET).key(key)).eTag();
    }

    /** The day's files in the archive directory, temporary ones included. */
    private List<Path> dayFiles() throws IOException {
        String prefix = files.plain(day).getFileName().toString().replace(".jsonl", "");
        try (Stream<Path> all = Files.list(files.directory())) {
            return all.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
        }
    }
}

package io.github.iotpipeline.collector.objectstore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.testsupport.ManualClock;
import io.github.iotpipeline.testsupport.S3TestServer;
import io.github.iotpipeline.collector.archive.ClosedDays;
import io.github.iotpipeline.collector.archive.DayManifest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed days go to a real S3 API server, verified, and leave the local disk only after the retention. */
class ArchiveUploadsTests {

    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    private static final String BUCKET = "iot-archive";

    @TempDir
    Path raw;

    @TempDir
    Path storeDirectory;

    private final ManualClock clock = new ManualClock(Instant.now());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private S3TestServer store;
    private S3Client s3;
    private ArchiveFiles files;

    @BeforeEach
    void startStore() throws IOException {
        store = S3TestServer.start(storeDirectory);
        files = new ArchiveFiles(raw);
        s3 = new ObjectStoreConfiguration().objectStoreClient(properties("collector-a", store.endpoint()));
        s3.createBucket(request -> request.bucket(BUCKET));
    }

    @AfterEach
    void stopStore() throws Exception {
        s3.close();
        store.close();
    }

    @Test
    void uploadsAClosedDayAndItsManifestUnderTheInstancesKeyVerified() throws IOException {
        DayManifest manifest = ClosedDays.write(raw, DAY, 100);
        ArchiveUploads uploads = uploads("collector-a", store.endpoint());

        uploads.check();

        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(request -> request.bucket(BUCKET)
                .key("raw/collector-a/2026/11/raw_20261126.jsonl.gz"));
        assertThat(object.asByteArray()).isEqualTo(Files.readAllBytes(files.compressed(DAY)));
        assertThat(object.response().contentLength()).isEqualTo(manifest.bytes());
        assertThat(keys()).containsExactly("raw/collector-a/2026/11/raw_20261126.jsonl.gz",
                "raw/collector-a/2026/11/raw_20261126.manifest.json");
        assertThat(files.uploaded(DAY)).exists();
        assertThat(uploads.status().daysUploaded()).isEqualTo(1);
        assertThat(uploads.status().daysWaiting()).isZero();
        assertThat(registry.get("collector.raw.days.uploaded").counter().count()).isEqualTo(1);
    }

    @Test
    void keepsTheLocalCopyForTheRetentionAndThenRemovesIt() throws IOException {
        ClosedDays.write(raw, DAY, 10);
        ArchiveUploads uploads = uploads("collector-a", store.endpoint());
        uploads.check();

        clock.advance(Duration.ofDays(7).minusMinutes(5));
        uploads.check();
        assertThat(files.compressed(DAY)).exists();

        clock.advance(Duration.ofMinutes(10));
        uploads.check();
        assertThat(files.compressed(DAY)).doesNotExist();
        assertThat(files.manifest(DAY)).doesNotExist();
        assertThat(files.uploaded(DAY)).doesNotExist();
        assertThat(keys()).hasSize(2);
    }

    @Test
    void finishesARemovalThatWasCutShort() throws IOException {
        ClosedDays.write(raw, DAY, 10);
        ArchiveUploads uploads = uploads("collector-a", store.endpoint());
        uploads.check();
        // Killed after the compressed file was removed, before the manifest and the marker were.
        Files.delete(files.compressed(DAY));
        clock.advance(Duration.ofDays(8));

        uploads.check();

        assertThat(files.manifest(DAY)).doesNotExist();
        assertThat(files.uploaded(DAY)).doesNotExist();
        assertThat(uploads.status().lastError()).isNull();
        assertThat(keys()).hasSize(2);
    }

    @Test
    void leavesADayThatIsStillBeingClosedToTheCloser() throws IOException {
        ClosedDays.write(raw, DAY, 10);
        // As the closer leaves it between renaming the compressed file into place and writing the manifest.
        Files.delete(files.manifest(DAY));
        Files.writeString(files.plain(DAY), "{}\n");
        ArchiveUploads uploads = uploads("collector-a", store.endpoint());

        uploads.check();

        assertThat(uploads.status().lastError()).isNull();
        assertThat(uploads.status().daysWaiting()).isZero();
        assertThat(registry.get("collector.raw.upload.errors").counter().count()).isZero();
        assertThat(keys()).isEmpty();
    }

    @Test
    void waitsWithBackoffWhileTheStoreIsDownAndUploadsOnceItIsBack() throws Exception {
        ClosedDays.write(raw, DAY, 10);
        ArchiveUploads uploads = uploads("collector-a", store.endpoint());
        store.stop();

        uploads.check();
        assertThat(uploads.status().lastError()).isNotNull();
        assertThat(uploads.status().nextAttempt()).isEqualTo(clock.instant().plusSeconds(10));
        assertThat(uploads.status().daysWaiting()).isEqualTo(1);
        assertThat(files.uploaded(DAY)).doesNotExist();

        store.restart();
        clock.advance(Duration.ofSeconds(9));
        uploads.check();
        assertThat(files.uploaded(DAY)).doesNotExist();

        clock.advance(Duration.ofSeconds(1));
        uploads.check();
        assertThat(files.uploaded(DAY)).exists();
        assertThat(uploads.status().lastError()).isNull();
        assertThat(registry.get("collector.raw.upload.errors").counter().count()).isEqualTo(1);
    }

    @Test
    void refusesToUploadAFileThatNoLongerMatchesItsManifest() throws IOException {
        ClosedDays.write(raw, DAY, 10);
        byte[] compressed = Files.readAllBytes(files.compressed(DAY));
        compressed[compressed.length / 2] ^= 0x01;
        Files.write(files.compressed(DAY), compressed);
        ArchiveUploads uploads = uploads("collector-a", store.endpoint());

        uploads.check();

        assertThat(uploads.status().lastError()).startsWith("Not uploading 2026-11-26: raw_20261126.jsonl.gz has");
        assertThat(keys()).isEmpty();
    }

    @Test
    void keepsTheDaysOfTwoCollectorsApart() throws IOException {
        Path other = raw.resolve("other");
        ClosedDays.write(raw, DAY, 10);
        ClosedDays.write(other, DAY, 20);

        uploads("collector-a", store.endpoint()).check();
        new ArchiveUploads(new ArchiveFiles(other), new DayUploader(s3, BUCKET),
                properties("collector-b", store.endpoint()), clock, new UploadMetrics(registry)).check();

        assertThat(keys()).containsExactly("raw/collector-a/2026/11/raw_20261126.jsonl.gz",
                "raw/collector-a/2026/11/raw_20261126.manifest.json",
                "raw/collector-b/2026/11/raw_20261126.jsonl.gz",
                "raw/collector-b/2026/11/raw_20261126.manifest.json");
    }

    /** The objects in the bucket; s3proxy's directory backend also lists its folders, which are not objects. */
    private List<String> keys() {
        return s3.listObjectsV2(request -> request.bucket(BUCKET)).contents().stream().map(S3Object::key)
                .filter(key -> !key.endsWith("/")).toList();
    }

    private ArchiveUploads uploads(String instance, URI endpoint) {
        registry.clear();
        ObjectStoreProperties properties = properties(instance, endpoint);
        return new ArchiveUploads(files, new DayUploader(s3, BUCKET), properties, clock, new UploadMetrics(registry));
    }

    private static ObjectStoreProperties properties(String instance, URI endpoint) {
        return new ObjectStoreProperties(BUCKET, endpoint, "us-east-1", true, "raw", instance,
                S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, Duration.ofDays(7), Duration.ofMinutes(1),
                Duration.ofSeconds(10), Duration.ofMinutes(15));
    }
}

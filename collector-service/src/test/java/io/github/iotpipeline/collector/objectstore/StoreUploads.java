package io.github.iotpipeline.collector.objectstore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.testsupport.ManualClock;
import io.github.iotpipeline.testsupport.S3TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.s3.S3Client;

/** The collector's upload job, run by hand, for tests of what comes after the upload. */
public final class StoreUploads {

    private StoreUploads() {
    }

    /** Creates the bucket, uploads every closed day of the directory, and removes it locally (retention over). */
    public static void uploadAndRemove(Path raw, S3TestServer store, String bucket, String instance) {
        ObjectStoreProperties properties = new ObjectStoreProperties(bucket, store.endpoint(), "us-east-1", true,
                "raw", instance, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, Duration.ofDays(7),
                Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(15));
        try (S3Client s3 = new ObjectStoreConfiguration().objectStoreClient(properties)) {
            s3.createBucket(request -> request.bucket(bucket));
            ManualClock clock = new ManualClock(Instant.now());
            ArchiveUploads uploads = new ArchiveUploads(new ArchiveFiles(raw), new DayUploader(s3, bucket),
                    properties, clock, new UploadMetrics(new SimpleMeterRegistry()));
            uploads.check();
            clock.advance(Duration.ofDays(8));
            uploads.check();
            if (uploads.status().lastError() != null) {
                throw new IllegalStateException("Upload failed: " + uploads.status().lastError());
            }
        }
    }
}

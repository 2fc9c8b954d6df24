package io.github.iotpipeline.collector.objectstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.archive.DayManifest;
import io.github.iotpipeline.collector.background.Backoff;
import io.github.iotpipeline.collector.background.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Uploads every closed day (compressed file, then manifest) on a thread of its own, so that a slow or absent
 * store never holds back ingestion; marks it uploaded once both are verified; and removes the local copy once
 * the local retention has passed since. A failure waits with backoff and is tried again, oldest day first.
 */
final class ArchiveUploads implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ArchiveUploads.class);

    private final ArchiveFiles files;
    private final DayUploader uploader;
    private final ObjectKeys keys;
    private final ObjectStoreProperties properties;
    private final Clock clock;
    private final UploadMetrics metrics;
    private final Backoff backoff;
    private final PeriodicTask task;
    private volatile UploadStatus status = UploadStatus.initial();
    private Instant nextAttempt = Instant.MIN;

    ArchiveUploads(ArchiveFiles files, DayUploader uploader, ObjectStoreProperties properties, Clock clock,
            UploadMetrics metrics) {
        this.files = files;
        this.uploader = uploader;
        this.keys = new ObjectKeys(properties.prefix(), properties.instanceId());
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.backoff = new Backoff(properties.retryBackoff(), properties.maxRetryBackoff());
        this.task = new PeriodicTask("raw-archive-upload", this::check, Duration.ZERO, properties.checkInterval());
    }

    UploadStatus status() {
        return status;
    }

    /** One round: uploads what waits, removes what has expired; after a failure, only once the wait is over. */
    void check() {
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            return;
        }
        try {
            for (LocalDate day : files.closedDays()) {
                if (!Files.exists(files.uploaded(day))) {
                    upload(day);
                }
                else if (expired(day, now)) {
                    removeLocal(day);
                }
            }
            backoff.reset();
            nextAttempt = Instant.MIN;
            int waiting = waiting();
            metrics.checked(waiting, clock.instant().getEpochSecond());
            status = status.succeeded(clock.instant(), waiting);
        }
        catch (IOException | SdkException | IllegalArgumentException ex) {
            failed(ex);
        }
    }

    private void upload(LocalDate day) throws IOException {
        DayManifest manifest = files.readManifest(day);
        String mismatch = files.mismatch(day, manifest);
        if (mismatch != null) {
            throw new IOException("Not uploading " + day + ": " + mismatch);
        }
        Path compressed = files.compressed(day);
        Path manifestFile = files.manifest(day);
        String dataKey = keys.of(day, compressed.getFileName().toString());
        String manifestKey = keys.of(day, manifestFile.getFileName().toString());
        String dataTag = uploader.upload(compressed, dataKey, "application/gzip");
        String manifestTag = uploader.upload(manifestFile, manifestKey, "application/json");
        markUploaded(day, dataKey + " " + dataTag + "\n" + manifestKey + " " + manifestTag + "\n");
        metrics.uploaded(manifest.bytes() + Files.size(manifestFile));
        status = status.uploaded(day);
        log.info("Uploaded the raw archive day {} to s3://{}/{} ({} bytes), verified", day, properties.bucket(),
                dataKey, manifest.bytes());
    }

    /** The marker says what was uploaded where; it is written last, so a crash before it repeats the upload. */
    private void markUploaded(LocalDate day, String content) throws IOException {
        Path marker = files.uploaded(day);
        Path temporary = ArchiveFiles.temporary(marker);
        Files.writeString(temporary, content);
        Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private boolean expired(LocalDate day, Instant now) throws IOException {
        Instant uploadedAt = Files.getLastModifiedTime(files.uploaded(day)).toInstant();
        return !uploadedAt.plus(properties.localRetention()).isAfter(now);
    }

    /** Removes the day's files, the marker last: until it goes, the day counts as uploaded. */
    private void removeLocal(LocalDate day) throws IOException {
        Files.deleteIfExists(files.compressed(day));
        Files.deleteIfExists(files.manifest(day));
        Files.deleteIfExists(files.uploaded(day));
        metrics.removed();
        log.info("Removed the local copy of the raw archive day {}: it is in the object store since {} ago", day,
                properties.localRetention());
    }

    private void failed(Exception ex) {
        Duration wait = backoff.next();
        nextAttempt = clock.instant().plus(wait);
        int waiting = waiting();
        metrics.failed(waiting);
        String error = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        status = status.failed(error, nextAttempt, waiting);
        log.warn("Uploading the raw archive failed, trying again in {} s: {}", wait.toSeconds(), error);
    }

    private int waiting() {
        return (int) files.closedDays().stream().filter(day -> !Files.exists(files.uploaded(day))).count();
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}

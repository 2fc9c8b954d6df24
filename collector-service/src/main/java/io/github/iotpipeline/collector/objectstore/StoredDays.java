package io.github.iotpipeline.collector.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Closed days read back from the object store, for replay: downloaded into a directory of the caller's. */
public final class StoredDays {

    private final S3Client s3;
    private final ObjectStoreProperties properties;

    StoredDays(S3Client s3, ObjectStoreProperties properties) {
        this.s3 = s3;
        this.properties = properties;
    }

    /**
     * Downloads a day's compressed file and manifest into {@code directory}, laid out as the archive lays them
     * out there; empty when the store has no such day.
     *
     * @param instance whose day to download, or null for this collector's own
     */
    public Optional<LocalDate> download(LocalDate day, @Nullable String instance, Path directory) {
        ObjectKeys keys = new ObjectKeys(properties.prefix(), instance == null ? properties.instanceId() : instance);
        ArchiveFiles files = new ArchiveFiles(directory);
        try {
            Files.createDirectories(directory);
            fetch(keys.of(day, files.compressed(day).getFileName().toString()), files.compressed(day));
            fetch(keys.of(day, files.manifest(day).getFileName().toString()), files.manifest(day));
            return Optional.of(day);
        }
        catch (NoSuchKeyException ex) {
            return Optional.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Where days are read from, for messages. */
    public String describe(@Nullable String instance) {
        return "s3://" + properties.bucket() + "/" + properties.prefix() + "/"
                + (instance == null ? properties.instanceId() : instance);
    }

    private void fetch(String key, Path target) throws IOException {
        Files.deleteIfExists(target);
        s3.getObject(request -> request.bucket(properties.bucket()).key(key), target);
    }
}

package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

import io.github.iotpipeline.model.ReadingContract;
import org.jspecify.annotations.Nullable;

/**
 * Closes one day: its plain file becomes a verified gzip with a manifest, then the plain file goes. Each step
 * writes a temporary file and renames it into place, so a crash at any point leaves the plain file or a
 * verified compressed file with its manifest, never neither; run again, it finishes what was started.
 */
final class DayCloser {

    private final ArchiveFiles files;
    private final DayCompressor compressor;
    private final ManifestFormat format = new ManifestFormat();

    DayCloser(ArchiveFiles files, ReadingContract contract) {
        this.files = files;
        this.compressor = new DayCompressor(contract);
    }

    /** Closes the day, or finishes closing it; returns its manifest. */
    DayManifest close(LocalDate day) throws IOException {
        Path plain = files.plain(day);
        Path compressed = files.compressed(day);
        Files.deleteIfExists(ArchiveFiles.temporary(compressed));
        Files.deleteIfExists(ArchiveFiles.temporary(files.manifest(day)));
        boolean plainExists = Files.exists(plain);
        DayManifest done = verifiedManifest(day, plainExists);
        if (done == null && !plainExists) {
            throw new IOException("There is nothing to close for " + day + ": no " + plain.getFileName());
        }
        if (done == null) {
            done = compress(day, plain, compressed);
        }
        if (Files.deleteIfExists(plain)) {
            syncDirectory();
        }
        return done;
    }

    /**
     * The manifest of a day closed already, when its file matches it. When it does not, the plain file is
     * still there (it goes only after a match), so closing starts again; without one the damage is reported.
     */
    private @Nullable DayManifest verifiedManifest(LocalDate day, boolean plainExists) throws IOException {
        Path compressed = files.compressed(day);
        Path manifestFile = files.manifest(day);
        if (!Files.exists(compressed) || !Files.exists(manifestFile)) {
            return null;
        }
        DayManifest manifest = format.read(Files.readAllBytes(manifestFile));
        String mismatch = ManifestCheck.mismatch(compressed, manifest);
        if (mismatch != null && !plainExists) {
            throw new IOException("The closed file does not match its manifest: " + mismatch);
        }
        return mismatch == null ? manifest : null;
    }

    private DayManifest compress(LocalDate day, Path plain, Path compressed) throws IOException {
        Path temporary = ArchiveFiles.temporary(compressed);
        DayManifest manifest = compressor.compress(day, plain, temporary, compressed.getFileName().toString());
        Files.move(temporary, compressed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        writeManifest(manifest, files.manifest(day));
        syncDirectory();
        String mismatch = ManifestCheck.mismatch(compressed, manifest);
        if (mismatch != null) {
            throw new IOException("The file just closed does not verify, the plain file is kept: " + mismatch);
        }
        return manifest;
    }

    private void writeManifest(DayManifest manifest, Path target) throws IOException {
        Path temporary = ArchiveFiles.temporary(target);
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            file.write(java.nio.ByteBuffer.wrap(format.write(manifest)));
            file.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes the renames and the deletion durable: they are entries of the directory. */
    private void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(files.directory(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}

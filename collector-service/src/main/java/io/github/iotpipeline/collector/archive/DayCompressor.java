package io.github.iotpipeline.collector.archive;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;

import io.github.iotpipeline.model.ReadingContract;

/**
 * Compresses a day's plain file into gzip, byte for byte, counting what its lines hold on the way; the
 * result is forced to disk before it is handed back, so a rename can then put it in place.
 */
final class DayCompressor {

    private static final int BUFFER = 64 * 1024;

    private final ReadingContract contract;

    DayCompressor(ReadingContract contract) {
        this.contract = contract;
    }

    /** Writes {@code target} from {@code plain}; returns the manifest of {@code fileName} as written. */
    DayManifest compress(LocalDate day, Path plain, Path target, String fileName) throws IOException {
        MessageDigest sha256 = Checksums.sha256();
        LineTally tally = new LineTally(contract);
        long uncompressed = 0;
        try (InputStream in = Files.newInputStream(plain);
                FileOutputStream file = new FileOutputStream(target.toFile());
                GZIPOutputStream gzip = new GZIPOutputStream(new DigestOutputStream(file, sha256), BUFFER)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) > 0) {
                gzip.write(buffer, 0, read);
                tally.feed(buffer, read);
                uncompressed += read;
            }
            gzip.finish();
            gzip.flush();
            file.getChannel().force(true);
            return tally.manifest(day, fileName, file.getChannel().size(), Checksums.hex(sha256), uncompressed);
        }
    }
}

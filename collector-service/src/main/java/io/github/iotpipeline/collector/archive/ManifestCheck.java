package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.jspecify.annotations.Nullable;

/**
 * Whether a closed day's file is what its manifest says: the size and SHA-256 of the compressed bytes, and,
 * decompressed (which also checks gzip's own CRC), the number of lines.
 */
final class ManifestCheck {

    private ManifestCheck() {
    }

    /** What does not match, or null when the file is the one the manifest describes. */
    static @Nullable String mismatch(Path file, DayManifest manifest) throws IOException {
        long size = Files.size(file);
        if (size != manifest.bytes()) {
            return file.getFileName() + " has " + size + " bytes, its manifest says " + manifest.bytes();
        }
        String sha256 = Checksums.sha256Of(file);
        if (!sha256.equals(manifest.sha256())) {
            return file.getFileName() + " has SHA-256 " + sha256 + ", its manifest says " + manifest.sha256();
        }
        try {
            long lines = lines(file);
            return lines == manifest.lines() ? null
                    : file.getFileName() + " has " + lines + " lines, its manifest says " + manifest.lines();
        }
        catch (ZipException | java.io.EOFException ex) {
            return file.getFileName() + " is not a complete gzip file: " + ex.getMessage();
        }
    }

    /** Non-empty lines of a gzip file. */
    static long lines(Path file) throws IOException {
        long lines = 0;
        boolean inLine = false;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines += inLine ? 1 : 0;
                        inLine = false;
                    }
                    else {
                        inLine = true;
                    }
                }
            }
        }
        return lines + (inLine ? 1 : 0);
    }
}

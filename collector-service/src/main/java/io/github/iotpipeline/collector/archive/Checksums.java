package io.github.iotpipeline.collector.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of archive files: SHA-256 as the manifest states it, MD5 as an S3 upload is checked with. */
public final class Checksums {

    private Checksums() {
    }

    static MessageDigest sha256() {
        return algorithm("SHA-256");
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256Of(Path file) throws IOException {
        return HexFormat.of().formatHex(digest(file, "SHA-256"));
    }

    /** The digest of the whole file with the algorithm (one every Java runtime has, such as MD5 or SHA-256). */
    public static byte[] digest(Path file, String algorithm) throws IOException {
        MessageDigest digest = algorithm(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return digest.digest();
    }

    private static MessageDigest algorithm(String name) {
        try {
            return MessageDigest.getInstance(name);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has " + name, ex);
        }
    }
}

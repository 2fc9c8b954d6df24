package io.github.iotpipeline.collector.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Uploads one file and checks that the store holds exactly it. The upload carries Content-MD5, which the store
 * checks on receipt; afterwards the object's size and ETag (the MD5 of a single-part upload) are compared with
 * the file's. This works with AWS S3 and every S3-compatible store, unlike the newer checksum headers.
 */
final class DayUploader {

    private final S3Client s3;
    private final String bucket;

    DayUploader(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Uploads the file under the key; returns its ETag once verified, or throws. */
    String upload(Path file, String key, String contentType) throws IOException {
        byte[] md5 = md5(file);
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType)
                .contentMD5(Base64.getEncoder().encodeToString(md5)), RequestBody.fromFile(file));
        HeadObjectResponse stored = s3.headObject(request -> request.bucket(bucket).key(key));
        long size = Files.size(file);
        String expected = "\"" + HexFormat.of().formatHex(md5) + "\"";
        if (stored.contentLength() == null || stored.contentLength() != size || !expected.equals(stored.eTag())) {
            throw new IOException("The store holds " + stored.contentLength() + " bytes with ETag " + stored.eTag()
                    + " under " + key + ", not the " + size + " bytes with MD5 " + expected + " uploaded");
        }
        return stored.eTag();
    }

    private static byte[] md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has MD5", ex);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return digest.digest();
    }
}

package io.github.iotpipeline.collector.objectstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

import io.github.iotpipeline.collector.archive.Checksums;
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
        byte[] md5 = Checksums.digest(file, "MD5");
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
}

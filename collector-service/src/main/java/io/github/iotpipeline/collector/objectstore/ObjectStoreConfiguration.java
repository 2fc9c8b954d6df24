package io.github.iotpipeline.collector.objectstore;

import java.time.Clock;

import io.github.iotpipeline.collector.archive.ArchiveFiles;
import io.github.iotpipeline.collector.archive.RawArchive;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The object store, when a bucket is configured: the S3 client, the days in it, the upload job, its health. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${collector.raw.store.bucket:}'.isBlank()")
class ObjectStoreConfiguration {

    /**
     * Checksums only where the API requires them: the SDK's default sends trailing CRC32 checksums in
     * aws-chunked bodies, which many S3-compatible stores refuse. The upload is verified through Content-MD5
     * and the ETag instead ({@link DayUploader}).
     */
    @Bean(destroyMethod = "close")
    S3Client objectStoreClient(ObjectStoreProperties properties) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .forcePathStyle(properties.pathStyle())
                .credentialsProvider(credentials(properties))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(ObjectStoreProperties properties) {
        if (StringUtils.hasText(properties.accessKeyId()) && StringUtils.hasText(properties.secretAccessKey())) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Bean
    StoredDays storedDays(S3Client objectStoreClient, ObjectStoreProperties properties) {
        return new StoredDays(objectStoreClient, properties);
    }

    /** Not while replaying: a replay only reads the store. */
    @Bean
    @Profile("!command")
    ArchiveUploads archiveUploads(S3Client objectStoreClient, ObjectStoreProperties properties, RawArchive archive,
            Clock clock, MeterRegistry registry) {
        return new ArchiveUploads(new ArchiveFiles(archive.directory()),
                new DayUploader(objectStoreClient, properties.bucket()), properties, clock,
                new UploadMetrics(registry));
    }

    @Bean
    @Profile("!command")
    ObjectStoreHealthIndicator objectStoreHealthIndicator(ArchiveUploads uploads, ObjectStoreProperties properties) {
        return new ObjectStoreHealthIndicator(uploads, properties);
    }
}

package io.github.iotpipeline.collector.objectstore;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where closed archive days go for the long term.
 *
 * @param bucket the bucket; empty keeps the archive on local disk only
 * @param endpoint the store's URL, for anything but AWS S3 (MinIO, Ceph, Garage, …); empty means AWS
 * @param region the region to sign requests for
 * @param pathStyle address the bucket in the path ({@code http://host/bucket/key}), as most self-hosted
 *        stores want, rather than in the host name
 * @param prefix the first part of every key
 * @param instanceId this collector's part of every key, so that several collectors never overwrite each other
 * @param accessKeyId access key; empty uses the AWS default chain (environment, profile, instance role)
 * @param secretAccessKey its secret
 * @param localRetention how long a day stays on local disk after its verified upload
 * @param checkInterval how often the archive looks for days to upload or to remove
 * @param retryBackoff first wait after a failed upload; it doubles up to {@code maxRetryBackoff}
 */
@ConfigurationProperties("collector.raw.store")
record ObjectStoreProperties(
        @DefaultValue("") String bucket,
        @Nullable URI endpoint,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("false") boolean pathStyle,
        @DefaultValue("raw") String prefix,
        @DefaultValue("iot-collector") String instanceId,
        @Nullable String accessKeyId,
        @Nullable String secretAccessKey,
        @DefaultValue("7d") Duration localRetention,
        @DefaultValue("1m") Duration checkInterval,
        @DefaultValue("10s") Duration retryBackoff,
        @DefaultValue("15m") Duration maxRetryBackoff) {

    boolean enabled() {
        return !bucket.isBlank();
    }

    /** Without the secret: a log line or an exception message that prints the settings must not leak it. */
    @Override
    public String toString() {
        return "ObjectStoreProperties[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region
                + ", pathStyle=" + pathStyle + ", prefix=" + prefix + ", instanceId=" + instanceId
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey="
                + (secretAccessKey == null ? "null" : "******") + ", localRetention=" + localRetention
                + ", checkInterval=" + checkInterval + ", retryBackoff=" + retryBackoff
                + ", maxRetryBackoff=" + maxRetryBackoff + "]";
    }
}

package io.github.iotpipeline.collector.schema;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the collector migrates its schema. It uses Spring Boot's {@code spring.flyway.*} names, but runs
 * Flyway itself, in the background, so that it can start before the database is reachable.
 *
 * @param url JDBC URL for migrations (collector.yml defaults it to the application's datasource)
 * @param user user that owns the schema and runs the migrations (defaults to the datasource's user)
 * @param password that user's password
 * @param locations where the migrations are
 * @param retryInterval first wait after a failed attempt; it doubles up to 15 s
 */
@Validated
@ConfigurationProperties("spring.flyway")
public record SchemaProperties(
        @NotBlank String url,
        @Nullable String user,
        @Nullable String password,
        @DefaultValue("classpath:db/migration") List<String> locations,
        @DefaultValue("1s") Duration retryInterval) {

    /** Without the password: a log line or an exception message that prints the settings must not leak it. */
    @Override
    public String toString() {
        return "SchemaProperties[url=" + url + ", user=" + user
                + ", password=" + (password == null ? "null" : "******") + ", locations=" + locations
                + ", retryInterval=" + retryInterval + "]";
    }
}

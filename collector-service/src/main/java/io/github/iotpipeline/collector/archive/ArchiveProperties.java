package io.github.iotpipeline.collector.archive;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the raw archive goes, and when its days are closed.
 *
 * @param directory the directory holding {@code raw_YYYYMMDD.jsonl}, one file per UTC day of receipt
 * @param closeAfter how long after midnight (UTC) the previous day is closed: compressed, with a manifest
 * @param closeCheckInterval how often the archive looks for days to close
 */
@ConfigurationProperties("collector.raw")
record ArchiveProperties(
        @DefaultValue("data/raw") Path directory,
        @DefaultValue("2m") Duration closeAfter,
        @DefaultValue("1m") Duration closeCheckInterval) {
}

package io.github.iotpipeline.collector.archive;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the raw archive goes.
 *
 * @param directory the directory holding {@code raw_YYYYMMDD.jsonl}, one file per UTC day of receipt
 */
@ConfigurationProperties("collector.raw")
record ArchiveProperties(@DefaultValue("data/raw") Path directory) {
}

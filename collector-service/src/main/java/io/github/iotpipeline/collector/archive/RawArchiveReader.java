package io.github.iotpipeline.collector.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a raw archive file back, line by line. A line that is not a complete archive entry — the torn last
 * line a crash can leave, or damage from elsewhere — is skipped and reported with its line number, never
 * allowed to stop the read.
 */
public final class RawArchiveReader {

    private final ObjectMapper json = new ObjectMapper();

    /** Reads every entry of the file; returns how many lines were skipped. */
    public int read(Path file, Consumer<ArchiveEntry> entries, Consumer<SkippedLine> skipped) throws IOException {
        int skippedLines = 0;
        try (BufferedReader reader = open(file)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    entries.accept(parse(line));
                }
                catch (JacksonException | IllegalArgumentException ex) {
                    skippedLines++;
                    skipped.accept(new SkippedLine(file, number, ex.getMessage()));
                }
            }
        }
        return skippedLines;
    }

    /** A plain day, or a closed one (gzip), as text. */
    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 64 * 1024);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** One line as an entry; throws JacksonException or IllegalArgumentException when it is not one. */
    ArchiveEntry parse(String line) {
        JsonNode node = json.readTree(line);
        JsonNode payload = node.path("payload");
        JsonNode base64 = node.path("payload_base64");
        if (!node.path("topic").isString() || !node.path("received_at").isString()
                || (!payload.isString() && !base64.isString())) {
            throw new IllegalArgumentException("not an archive entry: topic, received_at or payload missing");
        }
        byte[] bytes = payload.isString() ? payload.asString().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(base64.asString());
        return new ArchiveEntry(Instant.parse(node.path("received_at").asString()), node.path("topic").asString(),
                node.path("qos").asInt(1), node.path("retained").asBoolean(false),
                node.path("duplicate").asBoolean(false), bytes);
    }

    /** A line that could not be read, and why. */
    public record SkippedLine(Path file, long lineNumber, String reason) {

        @Override
        public String toString() {
            return file.getFileName() + ":" + lineNumber + ": " + reason;
        }
    }
}

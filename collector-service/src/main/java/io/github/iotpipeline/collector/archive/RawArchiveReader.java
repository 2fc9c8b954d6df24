package io.github.iotpipeline.collector.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import io.github.iotpipeline.model.IsoTimestamps;
import io.github.iotpipeline.model.Utf8;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a raw archive file back, line by line. A line that is not a complete archive entry — the torn last
 * line a crash can leave, or damage from elsewhere — is skipped and reported with its line number, never
 * allowed to stop the read. Lines in the shape the collector writes are read without a JSON parser, any other
 * line with one. Not thread-safe: one reader per thread.
 */
public final class RawArchiveReader {

    private final JsonFactory json = new JsonFactory();
    private final WrittenLineShape writtenShape = new WrittenLineShape();
    private long fileBytes;
    private @Nullable CountingStream onDisk;

    /** Reads every entry of the file; returns how many lines were skipped. */
    public int read(Path file, Consumer<ArchiveEntry> entries, Consumer<SkippedLine> skipped) throws IOException {
        int skippedLines = 0;
        try (InputStream in = open(file)) {
            ArchiveLines lines = new ArchiveLines(in);
            long number = 0;
            while (lines.next()) {
                number++;
                if (lines.length() == 0) {
                    continue;
                }
                ArchiveEntry entry;
                try {
                    entry = parse(lines.buffer(), lines.start(), lines.length());
                }
                catch (JacksonException | IllegalArgumentException | DateTimeException ex) {
                    skippedLines++;
                    skipped.accept(new SkippedLine(file, number, ex.getMessage()));
                    continue;
                }
                // Outside the try: what the consumer throws is its own failure, not a damaged line.
                entries.accept(entry);
            }
        }
        return skippedLines;
    }

    /**
     * How much of the file being read is read, from 0 to 1, by its bytes on disk: a day still open has no
     * manifest to say how many lines it holds, and a closed day's compressed bytes advance with its lines.
     */
    public double fractionRead() {
        CountingStream counted = onDisk;
        return counted == null || fileBytes == 0 ? 0 : Math.min(1, (double) counted.count / fileBytes);
    }

    /** A plain day, or a closed one (gzip), as bytes. */
    private InputStream open(Path file) throws IOException {
        fileBytes = Files.size(file);
        onDisk = new CountingStream(Files.newInputStream(file));
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(onDisk, 64 * 1024) : onDisk;
    }

    /**
     * One line's UTF-8 bytes as an entry; throws JacksonException, IllegalArgumentException or DateTimeException
     * when it is not one. Read as a stream of tokens rather than as a tree: the tree's maps were the largest
     * single cost of a replay's reading.
     */
    ArchiveEntry parse(byte[] line, int offset, int length) {
        ArchiveEntry written = writtenShape.read(line, offset, length);
        return written != null ? written : parseWithParser(line, offset, length);
    }

    /** The same line read by the JSON parser, whatever its shape. */
    ArchiveEntry parseWithParser(byte[] line, int offset, int length) {
        EntryFields fields = new EntryFields();
        try (JsonParser parser = json.createParser(ObjectReadContext.empty(), line, offset, length)) {
            fields.read(parser);
        }
        return fields.toEntry();
    }

    /** The fields of one line as they are read. */
    private static final class EntryFields {

        private String topic;
        private String receivedAt;
        private byte[] payload;
        private String base64;
        private int qos = 1;
        private boolean retained;
        private boolean duplicate;

        void read(JsonParser parser) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an archive entry: not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean text = value == JsonToken.VALUE_STRING;
                switch (name) {
                    case "topic" -> topic = text ? parser.getString() : null;
                    case "received_at" -> receivedAt = text ? parser.getString() : null;
                    // The payload goes from the parser's characters to bytes, without a string in between.
                    case "payload" -> payload = text ? Utf8.encode(parser.getStringCharacters(),
                            parser.getStringOffset(), parser.getStringLength()) : null;
                    case "payload_base64" -> base64 = text ? parser.getString() : null;
                    case "qos" -> qos = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 1;
                    case "retained" -> retained = value == JsonToken.VALUE_TRUE;
                    case "duplicate" -> duplicate = value == JsonToken.VALUE_TRUE;
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("not an archive entry: something follows the JSON object");
            }
        }

        ArchiveEntry toEntry() {
            if (topic == null || receivedAt == null || (payload == null && base64 == null)) {
                throw new IllegalArgumentException("not an archive entry: topic, received_at or payload missing");
            }
            byte[] bytes = payload != null ? payload : Base64.getDecoder().decode(base64);
            Instant common = IsoTimestamps.parseCommonShape(receivedAt);
            return new ArchiveEntry(common != null ? common : Instant.parse(receivedAt), topic, qos, retained,
                    duplicate, bytes);
        }
    }

    /** A line that could not be read, and why. */
    public record SkippedLine(Path file, long lineNumber, String reason) {

        @Override
        public String toString() {
            return file.getFileName() + ":" + lineNumber + ": " + reason;
        }
    }

    /** The bytes read from the file on disk, for {@link #fractionRead()}. */
    private static final class CountingStream extends FilterInputStream {

        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            count += Math.max(read, 0);
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}

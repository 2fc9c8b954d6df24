package io.github.iotpipeline.collector.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import io.github.iotpipeline.model.AsciiView;
import io.github.iotpipeline.model.IsoTimestamps;
import io.github.iotpipeline.model.JsonBytes;
import io.github.iotpipeline.model.Utf8;
import org.jspecify.annotations.Nullable;

/**
 * Reads a line in exactly the shape {@link RawLineFormat} writes, field by field in its order, without a JSON
 * parser; for any other line it answers null and the caller's parser, which reads every JSON object, decides.
 * A parser per line was the largest part of what a replay allocated (parser, contexts, symbol table, buffers),
 * and that garbage drove the collector's small heap into a full collection every second or two.
 * Not thread-safe: one per reading thread.
 */
final class WrittenLineShape {

    private static final byte[] RECEIVED_AT = ascii("{\"received_at\":\"");
    private static final byte[] TOPIC = ascii(",\"topic\":\"");
    private static final byte[] QOS = ascii(",\"qos\":");
    private static final byte[] RETAINED = ascii(",\"retained\":");
    private static final byte[] DUPLICATE = ascii(",\"duplicate\":");
    private static final byte[] PAYLOAD = ascii(",\"payload\":\"");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private final TopicNames topics = new TopicNames();
    /** The last ASCII string read, without a copy: the receive time is parsed from it, the topic looked up. */
    private final AsciiView text = new AsciiView();
    private byte[] payload = new byte[1024];
    private byte[] line;
    private int at;
    private int end;

    /** The entry, or null when the line is not in the written shape (it may still be a valid entry). */
    @Nullable ArchiveEntry read(byte[] bytes, int offset, int length) {
        line = bytes;
        at = offset;
        end = offset + length;
        if (!expect(RECEIVED_AT)) {
            return null;
        }
        Instant receivedAt = asciiUntilQuote() ? IsoTimestamps.parseCommonShape(text) : null;
        if (receivedAt == null || !expect(TOPIC) || !asciiUntilQuote()) {
            return null;
        }
        String topic = topics.of(line, text.start(), text.length());
        if (!expect(QOS) || at >= end || line[at] < '0' || line[at] > '2') {
            return null;
        }
        int qos = line[at++] - '0';
        Boolean retained = expect(RETAINED) ? bool() : null;
        Boolean duplicate = retained != null && expect(DUPLICATE) ? bool() : null;
        byte[] bytesOfPayload = duplicate != null && expect(PAYLOAD) ? unescapedUntilQuote() : null;
        if (bytesOfPayload == null || !atClosingBrace()) {
            return null;
        }
        return new ArchiveEntry(receivedAt, topic, qos, retained, duplicate, bytesOfPayload);
    }

    private boolean expect(byte[] literal) {
        if (!JsonBytes.startsWith(line, at, end, literal)) {
            return false;
        }
        at += literal.length;
        return true;
    }

    private @Nullable Boolean bool() {
        return expect(TRUE) ? Boolean.TRUE : expect(FALSE) ? Boolean.FALSE : null;
    }

    /** Printable ASCII without escapes up to the closing quote (consumed), as {@link #text}; false if not. */
    private boolean asciiUntilQuote() {
        int quote = JsonBytes.closingQuote(line, at, end, true);
        if (quote < 0) {
            return false;
        }
        text.view(line, at, quote - at);
        at = quote + 1;
        return true;
    }

    /** The JSON string's value as UTF-8 up to the closing quote (consumed), or null when it is not valid. */
    private byte @Nullable [] unescapedUntilQuote() {
        int size = 0;
        while (at < end) {
            byte b = line[at++];
            if (b == '"') {
                byte[] value = Arrays.copyOf(payload, size);
                return Utf8.isValid(value) ? value : null;
            }
            if (b >= 0 && b < 0x20) {
                return null;
            }
            if (size + 4 > payload.length) {
                payload = Arrays.copyOf(payload, payload.length * 2);
            }
            if (b != '\\') {
                payload[size++] = b;
                continue;
            }
            int written = unescape(size);
            if (written < 0) {
                return null;
            }
            size += written;
        }
        return null;
    }

    /** Writes the escape after a backslash at {@code size}; returns how many bytes, or -1 when it is not one. */
    private int unescape(int size) {
        if (at >= end) {
            return -1;
        }
        int c = switch (line[at++]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> hex4();
            default -> -1;
        };
        if (c < 0 || Character.isSurrogate((char) c)) {
            // Surrogate pairs are rare enough to leave to the parser.
            return -1;
        }
        // In place: every payload has escapes.
        return Utf8.put(c, payload, size);
    }

    private int hex4() {
        if (end - at < 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(line[at++], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private boolean atClosingBrace() {
        if (at >= end || line[at++] != '}') {
            return false;
        }
        while (at < end && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r')) {
            at++;
        }
        return at == end;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

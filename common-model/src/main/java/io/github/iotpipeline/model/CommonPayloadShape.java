package io.github.iotpipeline.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Reads a payload in exactly the shape {@link ReadingCodec#encode} writes, and most publishers with it:
 * {@code {"sensor_id":"…","timestamp":"…","value":…[,"unit":"…"][,"seq":…]}}, keys in that order, no spaces,
 * strings without escapes. For anything else it answers null and the JSON parser decides, with its reasons:
 * this never refuses. A parser per payload was most of what decoding allocated (about 1 KB: the parser, its
 * contexts, buffers and symbol table), on every reading of live traffic and of a replay.
 */
final class CommonPayloadShape {

    private static final byte[] SENSOR_ID = ascii("{\"sensor_id\":\"");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] VALUE = ascii(",\"value\":");
    private static final byte[] UNIT = ascii(",\"unit\":\"");
    private static final byte[] SEQ = ascii(",\"seq\":");

    private final byte[] payload;
    private final AsciiView text = new AsciiView();
    private int at;

    private CommonPayloadShape(byte[] payload) {
        this.payload = payload;
    }

    /** The reading, or null when the payload is not in the common shape (it may still be a valid reading). */
    static Decoded.@Nullable Accepted read(byte[] payload) {
        return new CommonPayloadShape(payload).read();
    }

    private Decoded.@Nullable Accepted read() {
        String sensorId = expect(SENSOR_ID) ? stringUntilQuote() : null;
        Instant timestamp = sensorId != null && expect(TIMESTAMP) ? timestamp() : null;
        if (timestamp == null || !expect(VALUE)) {
            return null;
        }
        int end = JsonNumbers.end(payload, at);
        double value = end < 0 ? Double.NaN : JsonNumbers.value(payload, at, end);
        if (!Double.isFinite(value)) {
            // Not a number here, or one too large for a double: the parser's reason, not ours.
            return null;
        }
        at = end;
        String unit = null;
        if (expect(UNIT) && (unit = stringUntilQuote()) == null) {
            return null;
        }
        Long seq = null;
        if (expect(SEQ) && (seq = integer()) == null) {
            return null;
        }
        return atClosingBrace() ? new Decoded.Accepted(new SensorReading(sensorId, timestamp, value, unit, seq))
                : null;
    }

    private boolean expect(byte[] literal) {
        if (!JsonBytes.startsWith(payload, at, payload.length, literal)) {
            return false;
        }
        at += literal.length;
        return true;
    }

    /** A string without escapes or control characters up to its closing quote (consumed), or null. */
    private @Nullable String stringUntilQuote() {
        int start = skipString(false);
        // The payload is valid UTF-8 (checked before), so this decodes as the parser would.
        return start < 0 ? null : new String(payload, start, at - 1 - start, StandardCharsets.UTF_8);
    }

    /** An ASCII timestamp in the common ISO-8601 shape, as the codec reads it, or null. */
    private @Nullable Instant timestamp() {
        int start = skipString(true);
        if (start < 0) {
            return null;
        }
        text.view(payload, start, at - 1 - start);
        Instant instant = IsoTimestamps.parseCommonShape(text);
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Moves past the closing quote of a string {@link JsonBytes#closingQuote} accepts; its start, or -1. */
    private int skipString(boolean printableAscii) {
        int quote = JsonBytes.closingQuote(payload, at, payload.length, printableAscii);
        if (quote < 0) {
            return -1;
        }
        int start = at;
        at = quote + 1;
        return start;
    }

    /** A JSON integer that fits a long, as the parser reads one, or null. */
    private @Nullable Long integer() {
        int end = JsonNumbers.end(payload, at);
        if (end < 0 || !JsonNumbers.isLongInteger(payload, at, end)) {
            return null;
        }
        long value = JsonNumbers.longValue(payload, at, end);
        at = end;
        return value;
    }

    private boolean atClosingBrace() {
        if (at >= payload.length || payload[at++] != '}') {
            return false;
        }
        for (; at < payload.length; at++) {
            byte b = payload[at];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.github.iotpipeline.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.util.JsonRecyclerPools;

import static io.github.iotpipeline.model.RejectReason.DUPLICATE_KEY;
import static io.github.iotpipeline.model.RejectReason.EMPTY_PAYLOAD;
import static io.github.iotpipeline.model.RejectReason.INVALID_UTF8;
import static io.github.iotpipeline.model.RejectReason.MALFORMED_JSON;
import static io.github.iotpipeline.model.RejectReason.NOT_AN_OBJECT;
import static io.github.iotpipeline.model.RejectReason.TOO_DEEPLY_NESTED;
import static io.github.iotpipeline.model.RejectReason.TRAILING_DATA;

/**
 * Strict JSON codec for {@link SensorReading}. It reads exactly one JSON object and refuses anything a
 * careful parser would: invalid UTF-8, trailing data, duplicate keys, wrong types, nulls, non-finite numbers
 * and timestamps without a zone. Every refusal names the field and the problem, because the operator reading
 * the dead-letter table has only that sentence to go on. Unknown fields are skipped, so devices may add
 * fields without breaking older collectors. Thread-safe.
 */
public final class ReadingCodec {

    static final String SENSOR_ID = "sensor_id";
    static final String TIMESTAMP = "timestamp";
    static final String VALUE = "value";
    static final String UNIT = "unit";
    static final String SEQ = "seq";

    /** A reading is flat; anything deeper than this in an unknown field is abuse, not data. */
    private static final int MAX_NESTING_DEPTH = 16;

    private final JsonFactory factory = JsonFactory.builder()
            // Let NaN and Infinity through the grammar so they are refused as non-finite values, by name.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            // Payloads are decoded on a few long-lived platform threads (the MQTT client's, a replay's reader):
            // a buffer per thread, where the default shared deque was a tenth of a replay reader's time.
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();

    /** Decodes one payload; never throws for bad input. */
    public Decoded decode(byte[] payload) {
        if (payload.length == 0) {
            return Decoded.rejected(EMPTY_PAYLOAD, "payload is empty");
        }
        String invalidUtf8 = checkUtf8(payload);
        if (invalidUtf8 != null) {
            return Decoded.rejected(INVALID_UTF8, invalidUtf8);
        }
        Decoded common = CommonPayloadShape.read(payload);
        return common != null ? common : decodeWithParser(payload);
    }

    /** Decodes a valid UTF-8 payload with the JSON parser, whatever its shape. */
    Decoded decodeWithParser(byte[] payload) {
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), payload)) {
            return readObject(parser);
        }
        catch (StreamConstraintsException ex) {
            return Decoded.rejected(TOO_DEEPLY_NESTED, "JSON nests deeper than " + MAX_NESTING_DEPTH + " levels");
        }
        catch (JacksonException ex) {
            return Decoded.rejected(MALFORMED_JSON, ex.getOriginalMessage() + " at " + location(ex));
        }
    }

    /** Encodes a reading in the canonical wire form, with the timestamp in UTC. */
    public byte[] encode(SensorReading reading) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty(SENSOR_ID, reading.sensorId());
            json.writeStringProperty(TIMESTAMP, DateTimeFormatter.ISO_INSTANT.format(reading.timestamp()));
            json.writeNumberProperty(VALUE, reading.value());
            if (reading.unit() != null) {
                json.writeStringProperty(UNIT, reading.unit());
            }
            if (reading.seq() != null) {
                json.writeNumberProperty(SEQ, reading.seq());
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * Parses an ISO-8601 date-time that carries a zone offset. PostgreSQL keeps microseconds, so finer digits
     * are truncated here rather than silently by the database.
     */
    static Instant parseTimestamp(String text) {
        Instant common = IsoTimestamps.parseCommonShape(text);
        Instant instant = common != null ? common : Instant.from(DateTimeFormatter.ISO_DATE_TIME.parse(text));
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Reads the one JSON object a payload must be, field by field, and makes sure nothing follows it. The
     * grammar's own errors are left to the caller, as Jackson throws them.
     */
    private static Decoded readObject(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return Decoded.rejected(NOT_AN_OBJECT, "payload must be a JSON object, found " + describe(parser));
        }
        ReadingFields fields = new ReadingFields();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            if (!fields.seen(name)) {
                return Decoded.rejected(DUPLICATE_KEY, "key '" + name + "' appears more than once");
            }
            parser.nextToken();
            Decoded.Rejected problem = fields.read(name, parser);
            if (problem != null) {
                return problem;
            }
        }
        Decoded.Rejected trailing = checkNothingFollows(parser);
        return trailing != null ? trailing : fields.toReading();
    }

    private static Decoded.@Nullable Rejected checkNothingFollows(JsonParser parser) {
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            // A truncated document: this read makes the parser report it as malformed.
            parser.nextToken();
        }
        try {
            if (parser.nextToken() == null) {
                return null;
            }
            return Decoded.rejected(TRAILING_DATA, "unexpected " + describe(parser) + " after the JSON object");
        }
        catch (JacksonException ex) {
            return Decoded.rejected(TRAILING_DATA, "unexpected data after the JSON object at " + location(ex));
        }
    }

    private static @Nullable String checkUtf8(byte[] payload) {
        if (Utf8.isValid(payload)) {
            return null;
        }
        try {
            // Decoded only to name the problem as the JDK's decoder does.
            Utf8.decode(payload);
            return "payload is not valid UTF-8";
        }
        catch (CharacterCodingException ex) {
            return "payload is not valid UTF-8 (" + ex.getMessage() + ")";
        }
    }

    static String describe(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String location(JacksonException ex) {
        return ex.getLocation() == null ? "unknown position"
                : "line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr();
    }
}

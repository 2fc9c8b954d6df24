package io.github.iotpipeline.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import static io.github.iotpipeline.model.ReadingCodec.SENSOR_ID;
import static io.github.iotpipeline.model.ReadingCodec.SEQ;
import static io.github.iotpipeline.model.ReadingCodec.TIMESTAMP;
import static io.github.iotpipeline.model.ReadingCodec.UNIT;
import static io.github.iotpipeline.model.ReadingCodec.VALUE;
import static io.github.iotpipeline.model.RejectReason.INVALID_STRING;
import static io.github.iotpipeline.model.RejectReason.INVALID_TIMESTAMP;
import static io.github.iotpipeline.model.RejectReason.MISSING_FIELD;
import static io.github.iotpipeline.model.RejectReason.NON_FINITE_VALUE;
import static io.github.iotpipeline.model.RejectReason.NULL_FIELD;
import static io.github.iotpipeline.model.RejectReason.TIMESTAMP_WITHOUT_ZONE;
import static io.github.iotpipeline.model.RejectReason.WRONG_TYPE;

/** The fields of one reading as the parser meets them, each checked for its JSON type on the way in. */
final class ReadingFields {

    private final FieldNames names = new FieldNames();

    // Null until read. The codec asks for the reading only when every field it met was read without a problem.
    private @Nullable String sensorId;
    private @Nullable Instant timestamp;
    private @Nullable Double value;
    private @Nullable String unit;
    private @Nullable Long seq;

    /** Records a key; false when it was already there. */
    boolean seen(String name) {
        return names.add(name);
    }

    /** Reads the value the parser stands on into the named field; returns the problem, or null. */
    Decoded.@Nullable Rejected read(String name, JsonParser parser) {
        return switch (name) {
            case SENSOR_ID -> readSensorId(parser);
            case TIMESTAMP -> readTimestamp(parser);
            case VALUE -> readValue(parser);
            case UNIT -> readUnit(parser);
            case SEQ -> readSeq(parser);
            default -> {
                parser.skipChildren();
                yield null;
            }
        };
    }

    Decoded toReading() {
        for (String required : FieldNames.REQUIRED) {
            if (!names.contains(required)) {
                return Decoded.rejected(MISSING_FIELD, "required field '" + required + "' is missing");
            }
        }
        return new Decoded.Accepted(new SensorReading(sensorId, timestamp, value, unit, seq));
    }

    private Decoded.@Nullable Rejected readSensorId(JsonParser parser) {
        Decoded.Rejected problem = expectString(SENSOR_ID, parser, true);
        if (problem == null) {
            sensorId = parser.getString();
        }
        return problem;
    }

    private Decoded.@Nullable Rejected readUnit(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        Decoded.Rejected problem = expectString(UNIT, parser, false);
        if (problem == null) {
            unit = parser.getString();
        }
        return problem;
    }

    private Decoded.@Nullable Rejected readTimestamp(JsonParser parser) {
        Decoded.Rejected problem = expectString(TIMESTAMP, parser, true);
        if (problem != null) {
            return problem;
        }
        String text = parser.getString();
        try {
            timestamp = ReadingCodec.parseTimestamp(text);
            return null;
        }
        catch (DateTimeParseException ex) {
            return Decoded.rejected(INVALID_TIMESTAMP,
                    "'timestamp' must be an ISO-8601 date-time with a zone offset, got '" + abbreviate(text) + "'");
        }
        catch (DateTimeException ex) {
            if (isLocalDateTime(text)) {
                return Decoded.rejected(TIMESTAMP_WITHOUT_ZONE,
                        "'timestamp' has no zone offset (add 'Z' or '+01:00'), got '" + abbreviate(text) + "'");
            }
            return Decoded.rejected(INVALID_TIMESTAMP, "'timestamp' is not a valid instant: " + ex.getMessage());
        }
    }

    private Decoded.@Nullable Rejected readValue(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return Decoded.rejected(NULL_FIELD, "required field 'value' is null");
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            return wrongType(VALUE, "a number", parser);
        }
        double number = parser.getDoubleValue();
        if (!Double.isFinite(number)) {
            return Decoded.rejected(NON_FINITE_VALUE,
                    "'value' must be a finite number, got " + abbreviate(parser.getString()));
        }
        value = number;
        return null;
    }

    private Decoded.@Nullable Rejected readSeq(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return wrongType(SEQ, "an integer that fits in 64 bits", parser);
        }
        seq = parser.getLongValue();
        return null;
    }

    private static Decoded.@Nullable Rejected expectString(String field, JsonParser parser, boolean required) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL && required) {
            return Decoded.rejected(NULL_FIELD, "required field '" + field + "' is null");
        }
        if (token != JsonToken.VALUE_STRING) {
            return wrongType(field, "a string", parser);
        }
        if (hasLoneSurrogate(parser.getString())) {
            return Decoded.rejected(INVALID_STRING, "'" + field + "' contains an unpaired UTF-16 surrogate");
        }
        return null;
    }

    private static Decoded.Rejected wrongType(String field, String expected, JsonParser parser) {
        return Decoded.rejected(WRONG_TYPE,
                "'" + field + "' must be " + expected + ", got " + ReadingCodec.describe(parser));
    }

    private static boolean isLocalDateTime(String text) {
        try {
            DateTimeFormatter.ISO_LOCAL_DATE_TIME.parse(text);
            return true;
        }
        catch (DateTimeParseException ex) {
            return false;
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            }
            else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}

package io.github.iotpipeline.model;

import java.util.Locale;

/**
 * Why a message could not be accepted as a reading. The {@link #code()} is what operators see in the
 * dead-letter table and in metrics, so codes are stable and never reused for a different meaning.
 */
public enum RejectReason {

    /** The payload exceeds the configured size limit. */
    PAYLOAD_TOO_LARGE,
    /** The payload has no bytes at all. */
    EMPTY_PAYLOAD,
    /** The payload is not valid UTF-8. */
    INVALID_UTF8,
    /** The payload is not JSON, or JSON that breaks the grammar (including NUL bytes and raw newlines in strings). */
    MALFORMED_JSON,
    /** The payload is JSON but not a JSON object. */
    NOT_AN_OBJECT,
    /** The same key appears twice in the object, so the meaning is ambiguous. */
    DUPLICATE_KEY,
    /** Something follows the JSON object. */
    TRAILING_DATA,
    /** The JSON nests deeper than a reading ever needs. */
    TOO_DEEPLY_NESTED,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A required field is {@code null}. */
    NULL_FIELD,
    /** A field has the wrong JSON type, for example a string where a number belongs. */
    WRONG_TYPE,
    /** The value is NaN, infinite, or too large for a double. */
    NON_FINITE_VALUE,
    /** The timestamp is not an ISO-8601 date-time. */
    INVALID_TIMESTAMP,
    /** The timestamp has no zone offset, so the instant it names is unknown. */
    TIMESTAMP_WITHOUT_ZONE,
    /** The timestamp is implausibly far in the past or ahead of the time it was received. */
    TIMESTAMP_OUT_OF_RANGE,
    /** A string contains an unpaired UTF-16 surrogate. */
    INVALID_STRING,
    /** A field breaks a Bean Validation constraint of {@link SensorReading}. */
    CONSTRAINT_VIOLATION,
    /** The {@code sensor_id} in the payload differs from the one in the topic. */
    TOPIC_MISMATCH,
    /** The topic is not {@code sensors/{sensor_id}/readings}. */
    TOPIC_OUTSIDE_CONTRACT,
    /** PostgreSQL refused the row; the detail carries the database's own message. */
    DATABASE_REJECTED;

    /** Stable snake_case code, as stored in {@code rejected_messages.reason}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.github.iotpipeline.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingCodecTests {

    private final ReadingCodec codec = new ReadingCodec();

    @Test
    void decodesTheDocumentedExample() {
        Decoded decoded = decode("""
                {"sensor_id":"sensor-1","timestamp":"2026-11-26T17:00:00.123Z","value":21.37,"unit":"°C","seq":42}""");

        assertThat(decoded).isEqualTo(new Decoded.Accepted(new SensorReading(
                "sensor-1", Instant.parse("2026-11-26T17:00:00.123Z"), 21.37, "°C", 42L)));
    }

    @Test
    void convertsZoneOffsetsToTheSameInstant() {
        Decoded decoded = decode("{\"sensor_id\":\"s\",\"timestamp\":\"2026-11-26T18:00:00+01:00\",\"value\":1}");

        assertThat(((Decoded.Accepted) decoded).reading().timestamp()).isEqualTo(Instant.parse("2026-11-26T17:00:00Z"));
    }

    @Test
    void roundTripsThroughTheWireForm() {
        SensorReading reading = new SensorReading("sensor-3", Instant.parse("2026-01-02T03:04:05.678901Z"), -0.5,
                "hPa", 7L);

        assertThat(codec.decode(codec.encode(reading))).isEqualTo(new Decoded.Accepted(reading));
    }

    @Test
    void leavesOptionalFieldsOutWhenAbsent() {
        SensorReading reading = SensorReading.of("sensor-3", Instant.parse("2026-01-02T03:04:05Z"), 3);

        assertThat(new String(codec.encode(reading), StandardCharsets.UTF_8))
                .isEqualTo("{\"sensor_id\":\"sensor-3\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"value\":3.0}");
    }

    @Test
    void ignoresUnknownFieldsSoDevicesCanAddThem() {
        Decoded decoded = decode("{\"sensor_id\":\"s\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":1,"
                + "\"battery\":{\"level\":[1,2,3]}}");

        assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void truncatesToTheMicrosecondsPostgresKeeps() {
        Decoded decoded = decode("{\"sensor_id\":\"s\",\"timestamp\":\"2026-11-26T17:00:00.123456789Z\",\"value\":1}");

        assertThat(((Decoded.Accepted) decoded).reading().timestamp())
                .isEqualTo(Instant.parse("2026-11-26T17:00:00.123456Z"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~~                                                                              | EMPTY_PAYLOAD
            not json                                                                        | MALFORMED_JSON
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":1                  | MALFORMED_JSON
            [1,2]                                                                           | NOT_AN_OBJECT
            "just a string"                                                                 | NOT_AN_OBJECT
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":1} x               | TRAILING_DATA
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":1}{}               | TRAILING_DATA
            {"sensor_id":"s","sensor_id":"t","timestamp":"2026-11-26T17:00:00Z","value":1} | DUPLICATE_KEY
            {"timestamp":"2026-11-26T17:00:00Z","value":1}                                  | MISSING_FIELD
            {"sensor_id":"s","value":1}                                                     | MISSING_FIELD
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z"}                            | MISSING_FIELD
            {"sensor_id":null,"timestamp":"2026-11-26T17:00:00Z","value":1}                 | NULL_FIELD
            {"sensor_id":"s","timestamp":null,"value":1}                                    | NULL_FIELD
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":null}               | NULL_FIELD
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":"21.5"}             | WRONG_TYPE
            {"sensor_id":1,"timestamp":"2026-11-26T17:00:00Z","value":1}                    | WRONG_TYPE
            {"sensor_id":"s","timestamp":1764176400000,"value":1}                           | WRONG_TYPE
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":true}               | WRONG_TYPE
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":1,"seq":1.5}        | WRONG_TYPE
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":1,"unit":5}         | WRONG_TYPE
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":NaN}                | NON_FINITE_VALUE
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":Infinity}           | NON_FINITE_VALUE
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":-Infinity}          | NON_FINITE_VALUE
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00Z","value":1e400}              | NON_FINITE_VALUE
            {"sensor_id":"s","timestamp":"2026-11-26T17:00:00","value":1}                   | TIMESTAMP_WITHOUT_ZONE
            {"sensor_id":"s","timestamp":"yesterday","value":1}                             | INVALID_TIMESTAMP
            {"sensor_id":"s","timestamp":"2026-13-45T17:00:00Z","value":1}                  | INVALID_TIMESTAMP
            {"sensor_id":"\\ud800","timestamp":"2026-11-26T17:00:00Z","value":1}            | INVALID_STRING
            """)
    void rejectsWithASpecificReason(String payload, RejectReason reason) {
        Decoded decoded = decode(payload == null ? "" : payload.strip());

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.detail()).isNotBlank();
        });
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] payload = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThat(codec.decode(payload)).isInstanceOfSatisfying(Decoded.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_UTF8));
    }

    @Test
    void rejectsRawNulAndNewlineInsideStrings() {
        assertThat(decode("{\"sensor_id\":\"a\u0000b\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":1}"))
                .isInstanceOfSatisfying(Decoded.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
        assertThat(decode("{\"sensor_id\":\"a\nb\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":1}"))
                .isInstanceOfSatisfying(Decoded.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);

        assertThat(decode("{\"sensor_id\":\"s\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":1,\"x\":"
                + deep + "}"))
                .isInstanceOfSatisfying(Decoded.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.TOO_DEEPLY_NESTED));
    }

    @Test
    void namesTheFieldAndTheProblemInTheDetail() {
        Decoded decoded = decode("{\"sensor_id\":\"s\",\"timestamp\":\"2026-11-26T17:00:00Z\",\"value\":\"21.5\"}");

        assertThat(decoded.toString()).isEqualTo("wrong_type: 'value' must be a number, got a string");
    }

    private Decoded decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}

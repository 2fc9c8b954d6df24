package io.github.iotpipeline.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser-free reading of common payloads must read every one as the parser does, and never refuse. */
class CommonPayloadShapeTests {

    private static final ReadingCodec CODEC = new ReadingCodec();
    private static final Random RANDOM = new Random(20261202);
    private static final String PREFIX =
            "{\"sensor_id\":\"s-1\",\"timestamp\":\"2026-01-15T08:30:00.123456Z\",\"value\":";

    @Test
    void readsEncodedReadingsAsTheParserDoes() {
        int read = 0;
        for (int n = 0; n < 50_000; n++) {
            SensorReading reading = randomReading();
            byte[] payload = CODEC.encode(reading);
            Decoded.Accepted common = CommonPayloadShape.read(payload);
            if (common != null) {
                assertThat(common).as(text(payload)).isEqualTo(CODEC.decodeWithParser(payload));
                read++;
            }
            // Escaped strings and sequence numbers of 19 digits are the parser's; everything else is read here.
            boolean plain = !text(payload).contains("\\") && (reading.seq() == null
                    || Math.abs((double) reading.seq()) < 1e18);
            assertThat(common != null || !plain).as("read without the parser: %s", text(payload)).isTrue();
        }
        assertThat(read).as("encoded readings read without the parser").isGreaterThan(15_000);
    }

    @Test
    void readsNumbersAsTheParserDoes() {
        for (String number : List.of("0", "-0", "-0.0", "0.0", "21.5", "-273.15", "1e5", "1E-5", "1.5e+3", "2.5E-3",
                "123456789012345678", "-123456789012345678", "1234567890123456789", "0.1", "0.30000000000000004",
                "9007199254740993", "9007199254740993.0", "1e22", "1e23", "1.0E22", "4.9e-324",
                "2.2250738585072014E-308", "1.7976931348623157e308", "0.000001", "100.0000000000000001", "1e-22",
                "1e-23", "1e0005",
                "1e309", "-1e309", "1e-400", "01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "NaN", "Infinity",
                "-Infinity", "1_0", "0x10", "1.5.5", "\"1\"", "true", "null")) {
            byte[] payload = (PREFIX + number + ",\"unit\":\"°C\",\"seq\":7}").getBytes(StandardCharsets.UTF_8);
            Decoded parsed = CODEC.decodeWithParser(payload);
            Decoded.Accepted common = CommonPayloadShape.read(payload);
            if (common != null) {
                assertThat(common).as(number).isEqualTo(parsed);
            }
            else {
                assertThat(number).as("a plain finite number left to the parser")
                        .matches(literal -> !(parsed instanceof Decoded.Accepted) || literal.length() > 18);
            }
        }
    }

    @Test
    void neverReadsADamagedPayloadOtherwiseThanTheParser() {
        int readAnyway = 0;
        int checked = 0;
        for (int n = 0; n < 50_000; n++) {
            byte[] payload = damaged(CODEC.encode(randomReading()));
            if (!Utf8.isValid(payload)) {
                continue;
            }
            checked++;
            Decoded.Accepted common = CommonPayloadShape.read(payload);
            if (common != null) {
                assertThat(common).as(text(payload)).isEqualTo(CODEC.decodeWithParser(payload));
                readAnyway++;
            }
        }
        assertThat(checked).isGreaterThan(25_000);
        // Some damage leaves a valid reading (a digit changed): those must be read, and read right.
        assertThat(readAnyway).isBetween(1_000, checked - 5_000);
    }

    private static SensorReading randomReading() {
        String[] ids = {"sensor-1", "a", "Z.9_x-y", "s".repeat(64), "bad id", "é", "x\"y", "back\\slash", "tab\t"};
        String[] units = {null, "°C", "%", "m/s²", "", "\uD83D\uDE00", "a\u0001b", "k\"Pa"};
        Long[] seqs = {null, 0L, 1L, -5L, Long.MAX_VALUE, Long.MIN_VALUE, 123_456_789_012L};
        Instant timestamp = Instant.ofEpochSecond(RANDOM.nextLong(4_102_444_800L), RANDOM.nextInt(1_000_000_000));
        return new SensorReading(ids[RANDOM.nextInt(ids.length)], timestamp, randomValue(),
                units[RANDOM.nextInt(units.length)], seqs[RANDOM.nextInt(seqs.length)]);
    }

    private static double randomValue() {
        return switch (RANDOM.nextInt(5)) {
            case 0 -> RANDOM.nextInt(2_000) - 1_000;
            case 1 -> Math.round(RANDOM.nextGaussian() * 10_000) / 100.0;
            case 2 -> RANDOM.nextDouble() * Math.pow(10, RANDOM.nextInt(40) - 20);
            case 3 -> -0.0;
            default -> {
                double bits = Double.longBitsToDouble(RANDOM.nextLong());
                yield Double.isFinite(bits) ? bits : 1.5;
            }
        };
    }

    /** One to three bytes replaced, inserted or removed, from what JSON and numbers are made of. */
    private static byte[] damaged(byte[] payload) {
        byte[] alphabet = "0123456789.-+eE\"\\,:{} nulltrue".getBytes(StandardCharsets.US_ASCII);
        byte[] out = payload;
        for (int k = RANDOM.nextInt(3) + 1; k > 0; k--) {
            int at = RANDOM.nextInt(out.length);
            byte b = alphabet[RANDOM.nextInt(alphabet.length)];
            byte[] next;
            switch (RANDOM.nextInt(3)) {
                case 0 -> {
                    next = out.clone();
                    next[at] = b;
                }
                case 1 -> {
                    next = new byte[out.length + 1];
                    System.arraycopy(out, 0, next, 0, at);
                    next[at] = b;
                    System.arraycopy(out, at, next, at + 1, out.length - at);
                }
                default -> {
                    next = new byte[out.length - 1];
                    System.arraycopy(out, 0, next, 0, at);
                    System.arraycopy(out, at + 1, next, at, out.length - at - 1);
                }
            }
            out = next;
        }
        return out;
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}

package io.github.iotpipeline.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path must agree with java.time on every text: the same instant, or a refusal left to java.time. */
class IsoTimestampsTests {

    private static final Random RANDOM = new Random(20261202);

    @Test
    void readsTheCommonShapeAsJavaTimeDoes() {
        assertThat(IsoTimestamps.parseCommonShape("2026-01-15T08:30:00.123456Z"))
                .isEqualTo(Instant.parse("2026-01-15T08:30:00.123456Z"));
        assertThat(IsoTimestamps.parseCommonShape("2026-01-15T08:30:00+01:00"))
                .isEqualTo(Instant.parse("2026-01-15T07:30:00Z"));
        assertThat(IsoTimestamps.parseCommonShape("2024-02-29T23:59:59.999999999-18:00"))
                .isEqualTo(Instant.parse("2024-03-01T17:59:59.999999999Z"));
    }

    @Test
    void leavesEverythingElseToJavaTime() {
        for (String text : List.of("2026-02-29T00:00:00Z", "2026-01-15T24:00:00Z", "2026-01-15T23:59:60Z",
                "2026-13-01T00:00:00Z", "2026-01-15T08:30Z", "2026-01-15t08:30:00Z", "2026-01-15T08:30:00z",
                "2026-01-15T08:30:00.Z", "2026-01-15T08:30:00.1234567890Z", "2026-01-15T08:30:00",
                "2026-01-15T08:30:00+01", "2026-01-15T08:30:00+0100", "2026-01-15T08:30:00+18:30",
                "2026-01-15T08:30:00+01:00[Europe/Paris]", "+2026-01-15T08:30:00Z", "2026-01-15 08:30:00Z",
                "2026-01-15T08:30:00Z ", "２026-01-15T08:30:00Z", "")) {
            assertThat(IsoTimestamps.parseCommonShape(text)).as(text).isNull();
        }
    }

    @Test
    void agreesWithJavaTimeOnRandomTexts() {
        for (int i = 0; i < 200_000; i++) {
            String text = randomText();
            Instant expected = javaTime(text);
            Instant fast = IsoTimestamps.parseCommonShape(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(expected);
            }
        }
    }

    @Test
    void writesWhatInstantToStringWrites() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("2026-01-15T08:30:00.120Z"), Instant.parse("2026-01-15T08:30:00.000001Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.MIN,
                Instant.MAX);
        for (Instant instant : edges) {
            assertThat(IsoTimestamps.format(instant)).isEqualTo(instant.toString());
        }
        for (int i = 0; i < 200_000; i++) {
            long seconds = RANDOM.nextLong() % 400_000_000_000L;
            int nanos = switch (RANDOM.nextInt(4)) {
                case 0 -> 0;
                case 1 -> RANDOM.nextInt(1_000) * 1_000_000;
                case 2 -> RANDOM.nextInt(1_000_000) * 1_000;
                default -> RANDOM.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoTimestamps.format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesTimestampsInTimeOrderAsInstantToStringDoes() {
        Instant instant = Instant.parse("2026-01-14T23:00:00Z");
        for (int i = 0; i < 100_000; i++) {
            instant = instant.plusNanos(RANDOM.nextInt(2_000_000) * 1_000L);
            assertThat(IsoTimestamps.format(instant)).isEqualTo(instant.toString());
        }
    }

    private static Instant javaTime(String text) {
        try {
            return Instant.from(DateTimeFormatter.ISO_DATE_TIME.parse(text));
        }
        catch (DateTimeException ex) {
            return null;
        }
    }

    /** Mostly valid texts of the common shape, with one part at a time out of range or malformed. */
    private static String randomText() {
        String year = String.format("%04d", RANDOM.nextInt(10_000));
        String month = String.format("%02d", RANDOM.nextInt(14));
        String day = String.format("%02d", RANDOM.nextInt(33));
        String hour = String.format("%02d", RANDOM.nextInt(26));
        String minute = String.format("%02d", RANDOM.nextInt(61));
        String second = String.format("%02d", RANDOM.nextInt(61));
        int digits = RANDOM.nextInt(11);
        StringBuilder fraction = new StringBuilder(digits > 0 || RANDOM.nextInt(8) == 0 ? "." : "");
        for (int i = 0; i < digits; i++) {
            fraction.append(RANDOM.nextInt(10));
        }
        String zone = switch (RANDOM.nextInt(6)) {
            case 0 -> "";
            case 1, 2 -> "Z";
            case 3 -> String.format("%c%02d:%02d", RANDOM.nextBoolean() ? '+' : '-', RANDOM.nextInt(20),
                    RANDOM.nextInt(61));
            case 4 -> String.format("+%02d", RANDOM.nextInt(19));
            default -> "z";
        };
        return year + "-" + month + "-" + day + (RANDOM.nextInt(20) == 0 ? "t" : "T") + hour + ":" + minute + ":"
                + second + fraction + zone;
    }
}

package io.github.iotpipeline.model;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The character-by-character constraints must accept exactly what the patterns they replace accept. */
class TextConstraintsTests {

    private static final Pattern SENSOR_ID = Pattern.compile(SensorReading.SENSOR_ID_PATTERN);
    private static final Pattern NO_CONTROL = Pattern.compile("[^\\p{Cntrl}]*");
    private static final Random RANDOM = new Random(20261202);

    @Test
    void judgeTheEdgesAsTheirPatterns() {
        for (String text : List.of("", "a", "Z", "0", "9", ".", "_", "-", "a.b_c-d", "-a", ".a", "_a", "a b", "a/b",
                "a+b", "ä", "aä", "a\u0000", "a\u001F", "a\u007F", "a\u0080", "a\u009F", "a\u00A0", "°C", "m/s²",
                "\uD83D\uDE00", "a\uD83D", "\uDE00a", "`", "{", "@", "[", "a\t", "\n")) {
            judgeAsTheirPatterns(text);
        }
    }

    @Test
    void judgeRandomTextAsTheirPatterns() {
        int sensorIds = 0;
        int withoutControls = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = RANDOM.nextInt(6); i > 0; i--) {
                // Mostly ASCII, where both rules draw their lines, with some controls, Latin-1 and surrogates.
                int[] ranges = {0x80, 0x80, 0x80, 0x100, 0x10000};
                text.append((char) RANDOM.nextInt(ranges[RANDOM.nextInt(ranges.length)]));
            }
            judgeAsTheirPatterns(text.toString());
            sensorIds += SENSOR_ID.matcher(text).matches() ? 1 : 0;
            withoutControls += NO_CONTROL.matcher(text).matches() ? 1 : 0;
        }
        assertThat(sensorIds).as("valid sensor ids among the random texts").isGreaterThan(1_000);
        assertThat(withoutControls).as("texts without controls among the random ones").isBetween(50_000, 199_000);
    }

    private static void judgeAsTheirPatterns(String text) {
        assertThat(SensorIdFormat.Validator.matches(text)).as("sensor id %s", escaped(text))
                .isEqualTo(SENSOR_ID.matcher(text).matches());
        assertThat(WithoutControlCharacters.Validator.matches(text)).as("control characters in %s", escaped(text))
                .isEqualTo(NO_CONTROL.matcher(text).matches());
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : (char) c));
        return out.toString();
    }
}

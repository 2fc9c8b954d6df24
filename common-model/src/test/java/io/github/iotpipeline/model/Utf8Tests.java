package io.github.iotpipeline.model;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allocation-free checks must judge every byte sequence as the JDK's strict decoder does. */
class Utf8Tests {

    private static final Random RANDOM = new Random(20261202);

    @Test
    void judgesTheEdgesOfEachSequenceLengthAsTheStrictDecoderDoes() {
        for (String hex : List.of("", "00", "7f", "80", "bf", "c0af", "c1bf", "c280", "dfbf", "df", "e08080", "e09fbf",
                "e0a080", "ed9fbf", "eda080", "edbfbf", "ee8080", "efbfbf", "efbf", "f08f8080", "f0908080",
                "f48fbfbf", "f4908080", "f5808080", "ff", "c2c2", "e0a0c0", "f09080c0", "41c3a942", "f09f9880")) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThat(Utf8.isValid(bytes)).as(hex).isEqualTo(strictlyDecodes(bytes));
        }
    }

    @Test
    void judgesRandomBytesAsTheStrictDecoderDoes() {
        int valid = 0;
        for (int n = 0; n < 200_000; n++) {
            byte[] bytes = new byte[RANDOM.nextInt(6)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly lead and continuation bytes, where the mistakes would be.
                bytes[i] = (byte) (RANDOM.nextInt(4) == 0 ? RANDOM.nextInt(256) : 0x80 + RANDOM.nextInt(128));
            }
            boolean expected = strictlyDecodes(bytes);
            assertThat(Utf8.isValid(bytes)).as(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).as("valid sequences among the random ones").isGreaterThan(1_000);
    }

    @Test
    void encodesCharactersAsStringGetBytesDoes() {
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = RANDOM.nextInt(12); i > 0; i--) {
                int[] ranges = {0x80, 0x800, 0xD800, 0x110000};
                int codePoint = RANDOM.nextInt(ranges[RANDOM.nextInt(ranges.length)]);
                text.appendCodePoint(codePoint >= 0xD800 && codePoint < 0xE000 ? 'x' : codePoint);
            }
            char[] chars = ("<" + text + ">").toCharArray();
            assertThat(Utf8.encode(chars, 1, chars.length - 2))
                    .isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusesToEncodeALoneSurrogate() {
        for (String text : List.of("a\uD800", "\uDC00b", "\uD800\uD800", "a\uDBFFb")) {
            char[] chars = text.toCharArray();
            assertThatThrownBy(() -> Utf8.encode(chars, 0, chars.length)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone surrogate");
        }
    }

    private static boolean strictlyDecodes(byte[] bytes) {
        try {
            Utf8.decode(bytes);
            return true;
        }
        catch (CharacterCodingException ex) {
            return false;
        }
    }
}

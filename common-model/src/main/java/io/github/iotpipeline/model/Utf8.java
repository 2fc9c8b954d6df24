package io.github.iotpipeline.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/** Strict UTF-8: Java's usual decoding replaces bad bytes silently, which would hide a broken payload. */
public final class Utf8 {

    private Utf8() {
    }

    /** The text, or null when the bytes are not valid UTF-8. */
    public static @Nullable String decodeOrNull(byte[] bytes) {
        return isValid(bytes) ? new String(bytes, StandardCharsets.UTF_8) : null;
    }

    /** The text; fails, naming the problem, when the bytes are not valid UTF-8. */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /**
     * Whether the bytes are well-formed UTF-8, as the strict decoder above judges them (no overlong forms, no
     * surrogates, nothing above U+10FFFF), without decoding them: every payload is checked, and decoding one into
     * a string only to throw the string away was a measurable part of reading it.
     */
    public static boolean isValid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int lead = bytes[i];
            if (lead >= 0) {
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i, lead & 0xFF);
            if (length == 0) {
                return false;
            }
            i += length;
        }
        return true;
    }

    /** The length of the multi-byte sequence starting at {@code i}, or 0 when it is malformed. */
    private static int sequenceLength(byte[] bytes, int i, int lead) {
        int length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
        if (length == 0 || i + length > bytes.length) {
            return 0;
        }
        // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
        int second = bytes[i + 1] & 0xFF;
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

    /**
     * The UTF-8 bytes of {@code length} characters from {@code offset}: what {@link String#getBytes} gives for
     * them, without the string in between. Fails on a lone surrogate, which no UTF-8 text holds.
     */
    public static byte[] encode(char[] chars, int offset, int length) {
        int end = offset + length;
        int size = 0;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                size++;
            }
            else if (c < 0x800) {
                size += 2;
            }
            else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == end || !Character.isLowSurrogate(chars[i + 1])) {
                    throw new IllegalArgumentException("a lone surrogate at character " + (i - offset));
                }
                size += 4;
                i++;
            }
            else {
                size += 3;
            }
        }
        return size == length ? ascii(chars, offset, length) : multiByte(chars, offset, end, size);
    }

    private static byte[] ascii(char[] chars, int offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) chars[offset + i];
        }
        return bytes;
    }

    private static byte[] multiByte(char[] chars, int offset, int end, int size) {
        byte[] bytes = new byte[size];
        int b = 0;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            b += put(Character.isHighSurrogate(c) ? Character.toCodePoint(c, chars[++i]) : c, bytes, b);
        }
        return bytes;
    }

    /** Writes a code point (not a surrogate) as UTF-8 at {@code at}; returns how many bytes, 1 to 4. */
    public static int put(int codePoint, byte[] bytes, int at) {
        if (codePoint < 0x80) {
            bytes[at] = (byte) codePoint;
            return 1;
        }
        int length = codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
        int lead = length == 2 ? 0xC0 : length == 3 ? 0xE0 : 0xF0;
        bytes[at] = (byte) (lead | codePoint >> 6 * (length - 1));
        for (int i = 1; i < length; i++) {
            bytes[at + i] = (byte) (0x80 | (codePoint >> 6 * (length - 1 - i) & 0x3F));
        }
        return length;
    }
}

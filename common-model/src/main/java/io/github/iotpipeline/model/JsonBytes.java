package io.github.iotpipeline.model;

import java.util.Arrays;

/**
 * The two steps every parser-free reading of a JSON shape takes over UTF-8 bytes (an archive line, a payload):
 * match a literal, and find the end of a string that needs no unescaping. Whatever these refuse is left to a
 * JSON parser.
 */
public final class JsonBytes {

    private JsonBytes() {
    }

    /** Whether the bytes from {@code at} (before {@code end}) begin with the literal. */
    public static boolean startsWith(byte[] bytes, int at, int end, byte[] literal) {
        return end - at >= literal.length && Arrays.equals(bytes, at, at + literal.length, literal, 0, literal.length);
    }

    /**
     * Where the string that starts at {@code from} (after its opening quote) has its closing quote, when it holds
     * no escape and no control character (and, if asked, nothing but printable ASCII); -1 otherwise.
     */
    public static int closingQuote(byte[] bytes, int from, int end, boolean printableAscii) {
        for (int at = from; at < end; at++) {
            byte b = bytes[at];
            if (b == '"') {
                return at;
            }
            if (b >= 0 && b < 0x20 || b == '\\' || printableAscii && (b < 0 || b == 0x7F)) {
                return -1;
            }
        }
        return -1;
    }
}

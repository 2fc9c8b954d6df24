package io.github.iotpipeline.model;

import java.nio.charset.StandardCharsets;

/**
 * JSON numbers read from bytes as the parser reads them into a double: an integer of up to 18 digits as its
 * long would convert (so {@code -0} is 0.0), any other number correctly rounded, as {@link Double#parseDouble}
 * rounds it, which is the one right answer for each.
 */
final class JsonNumbers {

    private static final int MAX_LONG_DIGITS = 18;
    /** Every power of ten up to 10^22 is exact as a double. */
    private static final double[] POWERS_OF_TEN = new double[23];
    /** Up to 2^53 every integer is exact as a double. */
    private static final long MAX_EXACT = 1L << 53;
    /** 'e', a sign and four digits: an exponent beyond that is far outside the fast path's ±22 anyway. */
    private static final int MAX_EXPONENT_CHARACTERS = 6;

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private JsonNumbers() {
    }

    /**
     * Where the JSON number at {@code from} ends ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}), or -1
     * when there is none there.
     */
    static int end(byte[] bytes, int from) {
        int at = from < bytes.length && bytes[from] == '-' ? from + 1 : from;
        int digits = digits(bytes, at);
        if (digits == 0 || digits > 1 && bytes[at] == '0') {
            return -1;
        }
        at += digits;
        if (at < bytes.length && bytes[at] == '.') {
            int fraction = digits(bytes, at + 1);
            if (fraction == 0) {
                return -1;
            }
            at += 1 + fraction;
        }
        if (at < bytes.length && (bytes[at] == 'e' || bytes[at] == 'E')) {
            at++;
            at += at < bytes.length && (bytes[at] == '+' || bytes[at] == '-') ? 1 : 0;
            int exponent = digits(bytes, at);
            if (exponent == 0) {
                return -1;
            }
            at += exponent;
        }
        return at;
    }

    /**
     * Whether the JSON number from {@code from} to {@code end} is an integer (no fraction, no exponent) of at
     * most 18 digits, which always fits a long; longer ones are left to the parser.
     */
    static boolean isLongInteger(byte[] bytes, int from, int end) {
        int digitsFrom = bytes[from] == '-' ? from + 1 : from;
        return end - digitsFrom <= MAX_LONG_DIGITS && digits(bytes, digitsFrom) == end - digitsFrom;
    }

    /** The value of a number {@link #isLongInteger} accepts. */
    static long longValue(byte[] bytes, int from, int end) {
        boolean negative = bytes[from] == '-';
        long magnitude = 0;
        for (int at = negative ? from + 1 : from; at < end; at++) {
            magnitude = magnitude * 10 + (bytes[at] - '0');
        }
        return negative ? -magnitude : magnitude;
    }

    /** The value of the JSON number from {@code from} to {@code end} (as {@link #end} found it). */
    static double value(byte[] bytes, int from, int end) {
        boolean negative = bytes[from] == '-';
        int at = negative ? from + 1 : from;
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean fraction = false;
        for (; at < end && bytes[at] != 'e' && bytes[at] != 'E'; at++) {
            if (bytes[at] == '.') {
                fraction = true;
                continue;
            }
            mantissa = mantissa * 10 + (bytes[at] - '0');
            scale -= fraction ? 1 : 0;
            if (++digits > MAX_LONG_DIGITS) {
                return parsed(bytes, from, end);
            }
        }
        if (at == end && !fraction) {
            return negative ? -mantissa : mantissa;
        }
        double magnitude = scaled(mantissa, scale, bytes, at, end);
        return Double.isNaN(magnitude) ? parsed(bytes, from, end) : negative ? -magnitude : magnitude;
    }

    /**
     * The mantissa times ten to the scale plus the exponent written from {@code at} (its 'e') to {@code end},
     * when both operands are exact, so that one correctly rounded operation gives the right double (Clinger's
     * fast path); NaN otherwise.
     */
    private static double scaled(long mantissa, int scale, byte[] bytes, int at, int end) {
        if (end - at > MAX_EXPONENT_CHARACTERS) {
            return Double.NaN;
        }
        int exponent = scale + (at < end ? Integer.parseInt(new String(bytes, at + 1, end - at - 1,
                StandardCharsets.US_ASCII)) : 0);
        if (mantissa > MAX_EXACT || exponent < -22 || exponent > 22) {
            return Double.NaN;
        }
        return exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
    }

    private static double parsed(byte[] bytes, int from, int end) {
        return Double.parseDouble(new String(bytes, from, end - from, StandardCharsets.US_ASCII));
    }

    private static int digits(byte[] bytes, int from) {
        int at = from;
        while (at < bytes.length && bytes[at] >= '0' && bytes[at] <= '9') {
            at++;
        }
        return at - from;
    }
}

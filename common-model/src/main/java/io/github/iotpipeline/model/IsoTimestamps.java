package io.github.iotpipeline.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the one timestamp shape that nearly every reading and archive line has,
 * {@code 2026-01-15T08:30:00.123456Z} (or with an offset such as {@code +01:00}), with plain arithmetic.
 * java.time's ISO formatters handle every ISO-8601 variant through a general field map; on the replay's
 * reader thread they took a tenth of the time. Anything outside the common shape, and every error message, is
 * left to java.time, so that what is accepted, refused and written stays exactly what it was.
 */
public final class IsoTimestamps {

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int MAX_OFFSET_HOURS = 18;
    private static final long NOT_A_TIME = Long.MIN_VALUE;
    private static final int[] NANO_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /**
     * The day of the last instant formatted: readings come in time order, so most share their date with the one
     * before. Immutable, so a thread that reads another thread's day sees it whole.
     */
    private static Day lastDay = new Day(0, "1970-01-01T".toCharArray());

    private IsoTimestamps() {
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f…]} followed by {@code Z} or {@code ±HH:MM}, when the text has
     * exactly that shape and is a valid date and time; null otherwise, for java.time to decide (and explain).
     */
    public static @Nullable Instant parseCommonShape(CharSequence text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        long local = localEpochSecond(text);
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                at++;
            }
            nanos = at == start ? -1 : digits(text, start, at - start) * NANO_SCALE[at - start];
        }
        Integer offset = offsetSeconds(text, at);
        if (local == NOT_A_TIME || nanos < 0 || offset == null) {
            return null;
        }
        return Instant.ofEpochSecond(local - offset, nanos);
    }

    /** The first 19 characters, yyyy-MM-ddTHH:mm:ss, as seconds since the epoch in UTC, or NOT_A_TIME. */
    private static long localEpochSecond(CharSequence text) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return NOT_A_TIME;
        }
        try {
            return LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY + hour * 3_600L + minute * 60L
                    + second;
        }
        catch (DateTimeException ex) {
            return NOT_A_TIME;
        }
    }

    /** The same text as {@link Instant#toString()}, without its general formatter for years 0 to 9999. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        Day day = lastDay;
        if (day.epochDay != epochDay) {
            day = Day.of(epochDay);
            if (day == null) {
                return instant.toString();
            }
            lastDay = day;
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nanos = instant.getNano();
        char[] out = new char[30];
        System.arraycopy(day.text, 0, out, 0, 11);
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int at = nanos == 0 ? 19 : putFraction(out, 19, nanos);
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    /** As Instant.toString: milliseconds, microseconds or nanoseconds, whichever shows every digit. */
    private static int putFraction(char[] out, int at, int nanos) {
        out[at] = '.';
        int width = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        put(out, at + 1, nanos / NANO_SCALE[width], width);
        return at + 1 + width;
    }

    /** Seconds east of UTC of a {@code Z} or {@code ±HH:MM} that ends the text at {@code at}, or null. */
    private static @Nullable Integer offsetSeconds(CharSequence text, int at) {
        int length = text.length();
        if (at == length - 1 && text.charAt(at) == 'Z') {
            return 0;
        }
        if (at != length - 6 || text.charAt(at + 3) != ':') {
            return null;
        }
        char sign = text.charAt(at);
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59 || hours > MAX_OFFSET_HOURS
                || (hours == MAX_OFFSET_HOURS && minutes != 0)) {
            return null;
        }
        int offset = hours * 3_600 + minutes * 60;
        return sign == '-' ? -offset : offset;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** A date as the first 11 characters of a timestamp, {@code yyyy-MM-ddT}. */
    private record Day(long epochDay, char[] text) {

        /** The day, or null when its year has no four-digit form. */
        static @Nullable Day of(long epochDay) {
            LocalDate date;
            try {
                date = LocalDate.ofEpochDay(epochDay);
            }
            catch (DateTimeException ex) {
                return null;
            }
            if (date.getYear() < 0 || date.getYear() > 9999) {
                return null;
            }
            char[] text = new char[11];
            put(text, 0, date.getYear(), 4);
            text[4] = '-';
            put(text, 5, date.getMonthValue(), 2);
            text[7] = '-';
            put(text, 8, date.getDayOfMonth(), 2);
            text[10] = 'T';
            return new Day(epochDay, text);
        }
    }
}

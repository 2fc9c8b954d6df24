package io.github.iotpipeline.collector.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Days and moments as the commands take them, each wrong one said in one line that names the option. */
public final class TimeArguments {

    private TimeArguments() {
    }

    /** A UTC day, {@code YYYY-MM-DD}. */
    public static LocalDate day(String option, String value) {
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException(option + " " + value + " is not a day (YYYY-MM-DD)");
        }
    }

    /**
     * A moment, as an ISO-8601 date-time with its offset ({@code 2026-11-01T06:00:00Z}), or a UTC day: its
     * start, or with {@code endOfDay} the start of the next, so that a day given as the end of a range is in it.
     */
    public static Instant moment(String option, String value, boolean endOfDay) {
        if (value.length() == 10) {
            LocalDate day = day(option, value);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException(option + " " + value
                    + " is neither a day (YYYY-MM-DD) nor a date-time with its offset (2026-11-01T06:00:00Z)");
        }
    }
}

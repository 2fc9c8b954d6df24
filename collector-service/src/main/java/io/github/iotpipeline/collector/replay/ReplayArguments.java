package io.github.iotpipeline.collector.replay;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The replay command's arguments:
 * {@code replay --from 2026-11-01 --to 2026-11-30 [--sensor ID] [--source local|s3] [--instance ID] [--dry-run]}.
 *
 * @param sensor only this sensor's messages (by topic), or null for all
 * @param instance whose days to read from the object store; null means this collector's own
 */
public record ReplayArguments(LocalDate from, LocalDate to, @Nullable String sensor, Source source,
        @Nullable String instance, boolean dryRun) {

    static final String USAGE = "replay --from YYYY-MM-DD --to YYYY-MM-DD [--sensor ID] [--source local|s3]"
            + " [--instance ID] [--dry-run]";

    private static final Set<String> OPTIONS = Set.of("--from", "--to", "--sensor", "--source", "--instance");

    enum Source { LOCAL, S3 }

    /** What is wrong with the arguments after {@code replay}, in one line, or null when nothing is. */
    public static @Nullable String problemWith(List<String> arguments) {
        try {
            parse(arguments);
            return null;
        }
        catch (IllegalArgumentException ex) {
            return ex.getMessage();
        }
    }

    /**
     * Parses the arguments after {@code replay}, as {@code --from 2026-11-01} or {@code --from=2026-11-01};
     * other {@code --name=value} arguments are settings, for Spring. An IllegalArgumentException says what is
     * wrong, in one line.
     */
    static ReplayArguments parse(List<String> arguments) {
        Parsed parsed = new Parsed();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (name.equals("--dry-run")) {
                parsed.dryRun = true;
            }
            else if (equals > 0 && OPTIONS.contains(name)) {
                parsed.set(name, argument.substring(equals + 1));
            }
            else if (equals < 0 && OPTIONS.contains(name) && i + 1 < arguments.size()) {
                parsed.set(name, arguments.get(++i));
            }
            else if (equals < 0 || !name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argument + "; usage: " + USAGE);
            }
        }
        return parsed.toArguments();
    }

    /** The arguments as they are read, before they are checked together. */
    private static final class Parsed {

        private @Nullable LocalDate from;
        private @Nullable LocalDate to;
        private @Nullable String sensor;
        private @Nullable String instance;
        private Source source = Source.LOCAL;
        private boolean dryRun;

        void set(String name, String value) {
            switch (name) {
                case "--from" -> from = day(name, value);
                case "--to" -> to = day(name, value);
                case "--sensor" -> sensor = value;
                case "--instance" -> instance = value;
                case "--source" -> source = source(value);
                default -> throw new IllegalStateException("not an option: " + name);
            }
        }

        ReplayArguments toArguments() {
            if (from == null || to == null) {
                throw new IllegalArgumentException("--from and --to are required; usage: " + USAGE);
            }
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("--to " + to + " is before --from " + from);
            }
            return new ReplayArguments(from, to, sensor, source, instance, dryRun);
        }

        private static LocalDate day(String name, String value) {
            try {
                return LocalDate.parse(value);
            }
            catch (DateTimeParseException ex) {
                throw new IllegalArgumentException(name + " " + value + " is not a day (YYYY-MM-DD)");
            }
        }

        private static Source source(String value) {
            return switch (value) {
                case "local" -> Source.LOCAL;
                case "s3" -> Source.S3;
                default -> throw new IllegalArgumentException("--source " + value + " is neither local nor s3");
            };
        }
    }
}

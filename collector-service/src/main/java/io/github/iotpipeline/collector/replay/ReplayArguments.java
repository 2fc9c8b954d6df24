package io.github.iotpipeline.collector.replay;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.github.iotpipeline.collector.command.CommandLine;
import io.github.iotpipeline.collector.command.TimeArguments;
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
        return CommandLine.problemWith(() -> parse(arguments));
    }

    /**
     * Parses the arguments after {@code replay}, as {@code --from 2026-11-01} or {@code --from=2026-11-01};
     * other {@code --name=value} arguments are settings, for Spring. An IllegalArgumentException says what is
     * wrong, in one line.
     */
    static ReplayArguments parse(List<String> arguments) {
        CommandLine line = CommandLine.parse(arguments, OPTIONS, Set.of("--dry-run"), USAGE);
        String from = line.value("--from");
        String to = line.value("--to");
        if (from == null || to == null) {
            throw new IllegalArgumentException("--from and --to are required; usage: " + USAGE);
        }
        LocalDate first = TimeArguments.day("--from", from);
        LocalDate last = TimeArguments.day("--to", to);
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("--to " + last + " is before --from " + first);
        }
        String source = line.value("--source");
        return new ReplayArguments(first, last, line.value("--sensor"), source == null ? Source.LOCAL : source(source),
                line.value("--instance"), line.flag("--dry-run"));
    }

    private static Source source(String value) {
        return switch (value) {
            case "local" -> Source.LOCAL;
            case "s3" -> Source.S3;
            default -> throw new IllegalArgumentException("--source " + value + " is neither local nor s3");
        };
    }
}

package io.github.iotpipeline.collector.redrive;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.iotpipeline.collector.command.CommandLine;
import io.github.iotpipeline.collector.command.TimeArguments;
import io.github.iotpipeline.collector.storage.DeadLetterQuery;
import io.github.iotpipeline.model.RejectReason;
import org.jspecify.annotations.Nullable;

/**
 * The redrive command's arguments:
 * {@code redrive [--reason CODE[,CODE...]] [--sensor ID] [--from WHEN] [--to WHEN] [--all] [--dry-run]}.
 * Without a reason, sensor or time it takes {@code --all}, so that every dead letter is redriven only on
 * purpose. WHEN is a UTC day or a date-time with its offset; {@code --from} is inclusive, {@code --to}
 * exclusive, and a day as {@code --to} is included.
 */
public record RedriveArguments(DeadLetterQuery query, boolean dryRun) {

    static final String USAGE = "redrive [--reason CODE[,CODE...]] [--sensor ID] [--from WHEN] [--to WHEN] [--all]"
            + " [--dry-run], WHEN a day (YYYY-MM-DD) or a date-time with its offset";

    private static final Set<String> OPTIONS = Set.of("--reason", "--sensor", "--from", "--to");
    private static final Set<String> REASONS = Arrays.stream(RejectReason.values()).map(RejectReason::code)
            .collect(Collectors.toUnmodifiableSet());

    /** What is wrong with the arguments after {@code redrive}, in one line, or null when nothing is. */
    public static @Nullable String problemWith(List<String> arguments) {
        return CommandLine.problemWith(() -> parse(arguments));
    }

    /** Parses the arguments after {@code redrive}; an IllegalArgumentException says what is wrong, in one line. */
    static RedriveArguments parse(List<String> arguments) {
        CommandLine line = CommandLine.parse(arguments, OPTIONS, Set.of("--all", "--dry-run"), USAGE);
        String from = line.value("--from");
        String to = line.value("--to");
        Instant start = from == null ? null : TimeArguments.moment("--from", from, false);
        Instant end = to == null ? null : TimeArguments.moment("--to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new IllegalArgumentException("--to " + to + " is not after --from " + from);
        }
        DeadLetterQuery query = new DeadLetterQuery(reasons(line.value("--reason")), line.value("--sensor"),
                start, end);
        boolean narrowed = !query.reasons().isEmpty() || query.sensor() != null || start != null || end != null;
        if (narrowed == line.flag("--all")) {
            throw new IllegalArgumentException(narrowed ? "--all redrives every dead letter: give it alone"
                    : "say which dead letters: --reason, --sensor, --from or --to, or --all; usage: " + USAGE);
        }
        return new RedriveArguments(query, line.flag("--dry-run"));
    }

    private static List<String> reasons(@Nullable String value) {
        if (value == null) {
            return List.of();
        }
        List<String> reasons = Arrays.stream(value.split(",")).map(String::strip).toList();
        for (String reason : reasons) {
            if (!REASONS.contains(reason)) {
                throw new IllegalArgumentException("--reason " + reason + " is not a reason code; they are "
                        + String.join(", ", REASONS.stream().sorted().toList()));
            }
        }
        return reasons;
    }

    /** The dead letters chosen, in words, for the command's first line. */
    String describe() {
        StringBuilder words = new StringBuilder();
        if (!query.reasons().isEmpty()) {
            words.append(", reason ").append(String.join(" or ", query.reasons()));
        }
        if (query.sensor() != null) {
            words.append(", sensor ").append(query.sensor());
        }
        if (query.from() != null) {
            words.append(", received from ").append(query.from());
        }
        if (query.to() != null) {
            words.append(", received before ").append(query.to());
        }
        return words.length() == 0 ? ", all of them" : words.toString();
    }
}

package io.github.iotpipeline.collector.command;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A command's arguments: options as {@code --name value} or {@code --name=value}, and flags as {@code --name}.
 * Any other {@code --name=value} is a setting, for Spring (such as {@code --spring.datasource.url=...}).
 *
 * @param values each option given, by name, and each flag given, with the value {@code true}
 */
public record CommandLine(Map<String, String> values) {

    public CommandLine {
        values = Map.copyOf(values);
    }

    /**
     * Reads the arguments after the command's name. An IllegalArgumentException says, in one line, which
     * argument is not one of the command's, with the usage.
     */
    public static CommandLine parse(List<String> arguments, Set<String> options, Set<String> flags, String usage) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (equals < 0 && flags.contains(name)) {
                values.put(name, "true");
            }
            else if (equals > 0 && options.contains(name)) {
                values.put(name, argument.substring(equals + 1));
            }
            else if (equals < 0 && options.contains(name) && i + 1 < arguments.size()) {
                values.put(name, arguments.get(++i));
            }
            else if (equals < 0 || !name.startsWith("--") || flags.contains(name)) {
                throw new IllegalArgumentException("unexpected argument " + argument + "; usage: " + usage);
            }
        }
        return new CommandLine(values);
    }

    /** What is wrong with arguments, as the one line that {@code parse} throws, or null when nothing is. */
    public static @Nullable String problemWith(Runnable parse) {
        try {
            parse.run();
            return null;
        }
        catch (IllegalArgumentException ex) {
            return ex.getMessage();
        }
    }

    /** The arguments after the command's name, as Spring hands them over: with the name first. */
    public static List<String> afterCommand(String[] arguments, String command) {
        List<String> all = Arrays.asList(arguments);
        return all.isEmpty() || !all.get(0).equals(command) ? all : all.subList(1, all.size());
    }

    public @Nullable String value(String option) {
        return values.get(option);
    }

    public boolean flag(String flag) {
        return values.containsKey(flag);
    }
}

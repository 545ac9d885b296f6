package com.example.credit.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of one bench command (and {@code --flag} switches without a value).
 *
 * @param values every option given, by name without the dashes
 */
public record Options(Map<String, String> values) {

    public Options {
        values = Map.copyOf(values);
    }

    /**
     * Parses {@code args}; names in {@code switches} take no value.
     *
     * @throws BenchException for an argument that is not an option or an option without its value
     */
    public static Options parse(String[] args, int from, Set<String> switches) {
        Map<String, String> values = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new BenchException("argument '" + args[i] + "' must be an option starting with --");
            }
            String name = args[i].substring(2);
            if (switches.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new BenchException("option --" + name + " needs a value");
            }
        }
        return new Options(values);
    }

    /** A required option. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new BenchException("option --" + name + " is required");
        }
        return value;
    }

    /** A required path option. */
    public Path path(String name) {
        return Path.of(required(name)).toAbsolutePath();
    }

    /** An option with a default. */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Whether a switch is on. */
    public boolean flag(String name) {
        return values.containsKey(name);
    }
}

package com.example.credit.batch.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} pairs of one subcommand; {@code --env} and {@code --run} may repeat. Rejects unknown and
 * doubled flags.
 */
final class Flags {

    private final Map<String, String> values = new LinkedHashMap<>();
    private static final Set<String> REPEATABLE = Set.of("env", "run");

    private final Map<String, List<String>> repeated = new LinkedHashMap<>();

    private Flags() {}

    static Flags parse(List<String> args, Set<String> allowed) {
        Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (!flag.startsWith("--")) {
                throw new UsageException("expected a flag such as --input, got '" + flag + "'");
            }
            String name = flag.substring(2);
            if (!allowed.contains(name)) {
                throw new UsageException("unknown flag " + flag + "; known: --" + String.join(", --", allowed));
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new UsageException("flag " + flag + " needs a value");
            }
            String value = args.get(++i);
            if (REPEATABLE.contains(name)) {
                flags.repeated.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } else if (flags.values.put(name, value) != null) {
                throw new UsageException("flag " + flag + " is given twice");
            }
        }
        return flags;
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("flag --" + name + " is required");
        }
        return value;
    }

    Integer integer(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("flag --" + name + " needs an integer, got '" + value + "'");
        }
    }

    /** Every value of a repeatable flag, in the order given. */
    List<String> all(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }

    Map<String, String> environment() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : all("env")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new UsageException("flag --env needs KEY=VALUE, got '" + pair + "'");
            }
            map.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return map;
    }
}

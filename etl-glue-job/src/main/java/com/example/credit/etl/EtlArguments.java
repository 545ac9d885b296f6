package com.example.credit.etl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Parses the command line of {@link EtlJob} into {@link EtlOptions}. */
public final class EtlArguments {

    /** What {@code --help} prints. */
    public static final String USAGE = """
            Usage: EtlJob --input R --output P [options]
              --input R                     raw dataset root (folder, file:, s3a:// or s3://); needs R/_SUCCESS
              --output P                    prepared dataset root; P/_SUCCESS is written last
              --seed N                      seed of the stratified train/test split (default 42)
              --test-fraction F             share of each label class that goes to test (default 0.2)
              --master M                    Spark master, e.g. local[*] (default: from spark-submit, else local[*])
              --max-rejected-fraction F     share of rejected records per raw file that is tolerated (default 0)
              --rows-per-file N             target rows per output part file (default 1000000)
              --s3-endpoint URL             s3a endpoint of an S3-compatible store (default: AWS)
              --s3-path-style-access B      true to address buckets by path (default false)
              --conf KEY=VALUE              any further Spark setting (repeatable)
            """;

    private EtlArguments() {}

    /** True when the command line asks for the usage text. */
    public static boolean wantsHelp(String[] args) {
        return args.length == 0 || (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")));
    }

    /** Parses {@code --name value} pairs; an unknown, repeated or valueless option fails. */
    public static EtlOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> conf = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new InvalidOptionException("expected an option starting with --, got '" + name + "'");
            }
            if (i + 1 >= args.length) {
                throw new InvalidOptionException("option " + name + " needs a value");
            }
            String value = args[i + 1];
            if (name.equals("--conf")) {
                int eq = value.indexOf('=');
                if (eq < 1) {
                    throw new InvalidOptionException("--conf takes KEY=VALUE, got '" + value + "'");
                }
                conf.put(value.substring(0, eq), value.substring(eq + 1));
            } else if (values.put(name.substring(2), value) != null) {
                throw new InvalidOptionException("option " + name + " is given twice");
            }
        }
        EtlOptions options = new EtlOptions(
                values.remove("input"),
                values.remove("output"),
                parseLong(values, "seed", EtlOptions.DEFAULT_SEED),
                parseDouble(values, "test-fraction", EtlOptions.DEFAULT_TEST_FRACTION),
                Optional.ofNullable(values.remove("master")),
                parseDouble(values, "max-rejected-fraction", 0.0),
                parseLong(values, "rows-per-file", EtlOptions.DEFAULT_ROWS_PER_FILE),
                Optional.ofNullable(values.remove("s3-endpoint")),
                parseBoolean(values, "s3-path-style-access"),
                conf);
        if (!values.isEmpty()) {
            throw new InvalidOptionException(
                    "unknown option --" + values.keySet().iterator().next() + "; see --help for the known ones");
        }
        return options;
    }

    static long parseLong(Map<String, String> values, String name, long fallback) {
        String value = values.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionException(name + " must be an integer, got '" + value + "'");
        }
    }

    static double parseDouble(Map<String, String> values, String name, double fallback) {
        String value = values.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionException(name + " must be a number, got '" + value + "'");
        }
    }

    static boolean parseBoolean(Map<String, String> values, String name) {
        String value = values.remove(name);
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidOptionException(name + " must be true or false, got '" + value + "'");
        };
    }
}

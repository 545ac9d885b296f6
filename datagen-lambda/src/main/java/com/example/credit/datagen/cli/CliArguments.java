package com.example.credit.datagen.cli;

import com.example.credit.datagen.InvalidRequestException;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.output.OutputLocation;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The parsed command line.
 *
 * @param request mode, n and seed
 * @param output where to write
 * @param overwrite replace an existing dataset
 * @param s3Endpoint endpoint override for S3-compatible servers
 */
record CliArguments(GenerationRequest request, OutputLocation output, boolean overwrite, Optional<String> s3Endpoint) {

    /** The seed when {@code --seed} is absent, so that plain runs are reproducible. */
    static final long DEFAULT_SEED = 42;

    static final String USAGE = """
            Usage: datagen --output DIR_OR_S3_URI [--mode statlog|synthetic] [--n N] [--seed S]
                           [--overwrite] [--s3-endpoint URL]

              --output       local folder or s3://bucket/prefix (required)
              --mode         statlog: the 1000 Statlog applicants (default);
                             synthetic: N applicants sampled from them with perturbed numbers
              --n            number of applicants (synthetic; default 1000; statlog accepts only 1000)
              --seed         seed of every random choice (default 42); same seed and n, same bytes
              --overwrite    replace a non-empty output folder or prefix
              --s3-endpoint  S3-compatible endpoint, path-style (also env DATAGEN_S3_ENDPOINT)
              --help         print this help
            """;

    CliArguments {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    }

    /**
     * Parses flags in {@code --name value} or {@code --name=value} form.
     *
     * @throws InvalidRequestException naming the flag, its value and the rule it breaks
     */
    static CliArguments parse(String... args) {
        Mode mode = Mode.STATLOG;
        OptionalLong n = OptionalLong.empty();
        long seed = DEFAULT_SEED;
        String output = null;
        boolean overwrite = false;
        Optional<String> s3Endpoint = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--overwrite" -> overwrite = true;
                case "--mode", "--n", "--seed", "--output", "--s3-endpoint" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new InvalidRequestException(name, null, "the flag needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--mode" -> mode = Mode.parse(name, value);
                        case "--n" -> n = OptionalLong.of(integer(name, value));
                        case "--seed" -> seed = integer(name, value);
                        case "--output" -> output = value;
                        default -> s3Endpoint = Optional.of(value);
                    }
                }
                default -> throw new InvalidRequestException("flag", arg, "datagen has no such flag");
            }
        }
        if (output == null) {
            throw new InvalidRequestException("--output", null, "must be given (a local folder or s3://bucket/prefix)");
        }
        return new CliArguments(
                GenerationRequest.of(mode, n, seed), OutputLocation.parse("--output", output), overwrite, s3Endpoint);
    }

    private static long integer(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(flag, value, "must be a whole number");
        }
    }
}

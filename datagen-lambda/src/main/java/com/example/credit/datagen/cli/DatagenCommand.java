package com.example.credit.datagen.cli;

import com.example.credit.datagen.Datagen;
import com.example.credit.datagen.DatagenException;
import com.example.credit.datagen.InvalidRequestException;
import com.example.credit.datagen.output.DatasetTarget;
import com.example.credit.datagen.output.DatasetTargets;
import com.example.credit.datagen.output.LazyS3Client;
import com.example.credit.datagen.output.Manifest;
import com.example.credit.datagen.output.S3Settings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Command line entry point: {@code java -jar datagen-lambda-lambda.jar --output DIR [--mode ...]}. Writes the
 * datasets, logs progress and rows/s to stderr, prints the manifest to stdout. Exit codes: 0 done, 1 failed,
 * 2 bad flags.
 */
public final class DatagenCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private DatagenCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command with the given environment and streams; returns the exit code. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help")) {
            out.print(CliArguments.USAGE);
            return EXIT_OK;
        }
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (InvalidRequestException e) {
            err.println("datagen: " + e.getMessage());
            err.print(CliArguments.USAGE);
            return EXIT_USAGE;
        }
        try (LazyS3Client s3 = new LazyS3Client(S3Settings.from(environment, arguments.s3Endpoint()))) {
            DatasetTarget target = DatasetTargets.open(arguments.output(), arguments.overwrite(), s3);
            Manifest manifest = Datagen.run(arguments.request(), target, err::println);
            out.print(new String(manifest.toJson(), StandardCharsets.UTF_8));
            return EXIT_OK;
        } catch (InvalidRequestException e) {
            err.println("datagen: " + e.getMessage());
            return EXIT_USAGE;
        } catch (DatagenException e) {
            err.println("datagen: failed: " + e.getMessage());
            return EXIT_FAILED;
        }
    }
}

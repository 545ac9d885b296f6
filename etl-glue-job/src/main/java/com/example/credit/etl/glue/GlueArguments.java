package com.example.credit.etl.glue;

import com.example.credit.etl.EtlArguments;
import com.example.credit.etl.EtlOptions;
import com.example.credit.etl.InvalidOptionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates the arguments AWS Glue passes to a job's main class into {@link EtlOptions}.
 *
 * <p>Glue hands over every job parameter as {@code --name value}, its own ones included ({@code
 * --JOB_NAME}, {@code --JOB_RUN_ID}, {@code --job-bookmark-option}, {@code --TempDir}, ...). The job's
 * parameters are the snake_case names below; every other argument belongs to Glue and is skipped.
 */
public final class GlueArguments {

    /** Job parameter names and the command-line options they stand for. */
    public static final Map<String, String> PARAMETERS = Map.of(
            "input_path", "--input",
            "output_path", "--output",
            "seed", "--seed",
            "test_fraction", "--test-fraction",
            "max_rejected_fraction", "--max-rejected-fraction",
            "rows_per_file", "--rows-per-file",
            "s3_endpoint", "--s3-endpoint",
            "s3_path_style_access", "--s3-path-style-access");

    private GlueArguments() {}

    /** The options named by the job parameters; input_path and output_path are required. */
    public static EtlOptions parse(String[] args) {
        List<String> translated = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                continue;
            }
            String name = args[i].substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            String option = PARAMETERS.get(name);
            if (option == null) {
                continue;
            }
            if (value == null) {
                throw new InvalidOptionException("Glue job parameter --" + name + " needs a value");
            }
            translated.add(option);
            translated.add(value);
        }
        for (String required : List.of("input_path", "output_path")) {
            if (!translated.contains(PARAMETERS.get(required))) {
                throw new InvalidOptionException("Glue job parameter --" + required + " is required");
            }
        }
        return EtlArguments.parse(translated.toArray(String[]::new));
    }
}

package com.example.credit.pipeline;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Parses the command line of the local pipeline. */
final class PipelineArguments {

    static final String USAGE = """
            usage: run-pipeline.sh [--mode statlog|synthetic] [--n N] [--seed S] [--work DIR] [--store local|s3]
                                   [--runtime in-process|container] [--tune N]

              --mode     statlog: the 1000 Statlog applicants (default); synthetic: N sampled applicants
              --n        applicants to generate in synthetic mode (default 1000)
              --seed     seed of generation, split and training (default 42)
              --work     folder for every output (default work); its raw, prepared and model
                         sub-folders are replaced on each run
              --store    local: datasets in folders under --work (default); s3: in an S3-compatible
                         store started on loopback (S3Mock), so datagen and the ETL use their S3 paths
              --runtime  in-process: training in this JVM, the explainer from its jar on loopback
                         (default, needs no container engine); container: SageMaker local mode, the
                         training and explainer images run with SageMaker's mounts and arguments
                         through the engine that scripts/container-engine.sh starts
              --tune     N > 0: before training, a seeded random search of N hyperparameter candidates by
                         cross-validation on the training split only (the test split stays untouched);
                         prints the leaderboard (also work/tuning.txt) and trains the best (default 0: off)
            """;

    private PipelineArguments() {}

    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the flags over the defaults.
     *
     * @throws PipelineException naming the flag and the rule it broke
     */
    static PipelineOptions parse(String[] args) {
        PipelineOptions defaults = PipelineOptions.defaults();
        String mode = defaults.mode();
        OptionalLong n = OptionalLong.empty();
        long seed = defaults.seed();
        Path work = defaults.workDir();
        PipelineOptions.Store store = defaults.store();
        PipelineOptions.Runtime runtime = defaults.runtime();
        int tune = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new PipelineException("flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--mode" -> mode = value;
                case "--n" -> n = OptionalLong.of(number(flag, value));
                case "--seed" -> seed = number(flag, value);
                case "--work" -> work = Path.of(value);
                case "--store" -> store = store(value);
                case "--runtime" -> runtime = runtime(value);
                case "--tune" -> tune = Math.toIntExact(Math.min(number(flag, value), Integer.MAX_VALUE));
                default ->
                    throw new PipelineException("unknown flag " + flag
                            + "; known flags: --mode, --n, --seed, --work, --store, --runtime, --tune");
            }
        }
        return new PipelineOptions(mode, n, seed, work, store, runtime, tune);
    }

    private static PipelineOptions.Runtime runtime(String value) {
        for (PipelineOptions.Runtime runtime : PipelineOptions.Runtime.values()) {
            if (runtime.flag().equals(value)) {
                return runtime;
            }
        }
        throw new PipelineException("flag --runtime takes in-process or container, not '" + value + "'");
    }

    private static PipelineOptions.Store store(String value) {
        return switch (value) {
            case "local" -> PipelineOptions.Store.LOCAL;
            case "s3" -> PipelineOptions.Store.S3;
            default -> throw new PipelineException("flag --store takes local or s3, not '" + value + "'");
        };
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new PipelineException("flag " + flag + " takes a whole number, not '" + value + "'");
        }
    }
}

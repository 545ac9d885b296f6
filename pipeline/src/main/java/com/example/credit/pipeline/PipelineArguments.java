package com.example.credit.pipeline;

import com.example.credit.pipeline.aws.AwsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Parses the command line of the main job. */
final class PipelineArguments {

    static final String USAGE = """
            usage: run-pipeline.sh [--mode statlog|synthetic] [--n N] [--seed S] [--work DIR] [--store local|s3]
                                   [--runtime in-process|container] [--tune N] [--serve]
                   run-pipeline.sh --target aws [--stack-prefix Credit] [--region R] [--mode ...] [--n N] [--seed S]
                                   [--resume RUN_ID] [--keep-endpoint] [--endpoint-name credit-explainer]
                                   [--image-tag latest] [--instance-type ml.m5.large] [--work DIR]

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
              --serve    at the end, start the dashboard (batch-service serve, 127.0.0.1) on the explained
                         test set and keep serving until Ctrl-C (either target)

            on AWS (after cdk deploy and pushing the images, docs/deploy.md), every name is read from the stacks:
              --target         local (default) or aws: the datagen Lambda, the Glue job, a SageMaker training
                               job, model, endpoint and Batch Transform job, through the AWS SDK
              --stack-prefix   the stacks are <prefix>Data, <prefix>Etl, <prefix>Model (default Credit)
              --region         the AWS region (default: AWS_REGION or the profile's region)
              --resume         continue run RUN_ID: finished stages are skipped, running jobs re-attached
              --keep-endpoint  leave the endpoint running at the end (default: delete it; it bills by the hour)
              --endpoint-name  the endpoint to create or update blue/green (default credit-explainer)
              --image-tag      tag of the pushed images (default latest; the run pins its digest)
              --instance-type  for training, hosting and Batch Transform (default ml.m5.large)
            """;

    private static final List<String> AWS_FLAGS = List.of(
            "--stack-prefix",
            "--region",
            "--resume",
            "--keep-endpoint",
            "--endpoint-name",
            "--image-tag",
            "--instance-type");

    private PipelineArguments() {}

    /** Whether {@code --serve} is given (a flag without value, for either target). */
    static boolean wantsServe(String[] args) {
        return java.util.Arrays.asList(args).contains("--serve");
    }

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
        AwsOptions awsDefaults = AwsOptions.defaults();
        String mode = defaults.mode();
        OptionalLong n = OptionalLong.empty();
        long seed = defaults.seed();
        Path work = defaults.workDir();
        PipelineOptions.Store store = defaults.store();
        PipelineOptions.Runtime runtime = defaults.runtime();
        int tune = 0;
        PipelineOptions.Target target = PipelineOptions.Target.LOCAL;
        String stackPrefix = awsDefaults.stackPrefix();
        Optional<String> region = Optional.empty();
        Optional<String> resume = Optional.empty();
        boolean keepEndpoint = false;
        String endpointName = awsDefaults.endpointName();
        String imageTag = awsDefaults.imageTag();
        String instanceType = awsDefaults.instanceType();
        List<String> awsFlagsGiven = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (AWS_FLAGS.contains(flag)) {
                awsFlagsGiven.add(flag);
            }
            if (flag.equals("--keep-endpoint")) {
                keepEndpoint = true;
                continue;
            }
            if (flag.equals("--serve")) {
                continue;
            }
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
                case "--target" -> target = target(value);
                case "--stack-prefix" -> stackPrefix = value;
                case "--region" -> region = Optional.of(value);
                case "--resume" -> resume = Optional.of(value);
                case "--endpoint-name" -> endpointName = value;
                case "--image-tag" -> imageTag = value;
                case "--instance-type" -> instanceType = value;
                default ->
                    throw new PipelineException("unknown flag " + flag
                            + "; known flags: --mode, --n, --seed, --work, --store, --runtime, --tune, --serve, --target, "
                            + String.join(", ", AWS_FLAGS));
            }
        }
        PipelineOptions local = new PipelineOptions(mode, n, seed, work, store, runtime, tune);
        if (target == PipelineOptions.Target.LOCAL) {
            if (!awsFlagsGiven.isEmpty()) {
                throw new PipelineException("flag " + awsFlagsGiven.get(0) + " applies to --target aws only");
            }
            return local;
        }
        return local.onAws(
                new AwsOptions(stackPrefix, region, resume, keepEndpoint, endpointName, imageTag, instanceType));
    }

    private static PipelineOptions.Target target(String value) {
        return switch (value) {
            case "local" -> PipelineOptions.Target.LOCAL;
            case "aws" -> PipelineOptions.Target.AWS;
            default -> throw new PipelineException("flag --target takes local or aws, not '" + value + "'");
        };
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

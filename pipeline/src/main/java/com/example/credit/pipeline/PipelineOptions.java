package com.example.credit.pipeline;

import com.example.credit.pipeline.aws.AwsOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the main job runs on.
 *
 * @param mode {@code statlog} (the 1000 Statlog applicants) or {@code synthetic}
 * @param n applicants to generate in synthetic mode; empty for the mode's default
 * @param seed the seed of every random choice: generation, split and training
 * @param workDir the folder that receives every output; the pipeline owns its sub-folders
 * @param store where the raw and prepared datasets live: local folders, or an S3-compatible store on loopback
 * @param runtime where training and the explainer run: in this JVM and a child process, or in their images
 * @param tuneTrials candidates of a seeded random hyperparameter search by cross-validation on the training split
 *     before training (the winner is trained and tested once); 0 trains with the defaults
 * @param target where the stages run: this machine, or AWS through the SDK
 * @param aws the AWS target's settings (its defaults when the target is local)
 */
public record PipelineOptions(
        String mode,
        OptionalLong n,
        long seed,
        Path workDir,
        Store store,
        Runtime runtime,
        int tuneTrials,
        Target target,
        AwsOptions aws) {

    /** Where the stages run. */
    public enum Target {
        /** This machine: datagen and Spark in this JVM, training and serving in-process or in the images. */
        LOCAL,
        /** AWS, through the SDK: the deployed Lambda, Glue job and the SageMaker jobs and endpoint. */
        AWS
    }

    /** Where the datasets live between the steps. */
    public enum Store {
        /** Folders under the work folder. */
        LOCAL,
        /** An S3-compatible store on loopback, so that the S3 code paths of datagen and the ETL run too. */
        S3
    }

    /** Where the model is trained and served. */
    public enum Runtime {
        /** Training in this JVM, the explainer from its jar as a child process on loopback. */
        IN_PROCESS("in-process"),
        /** SageMaker local mode: the training and explainer images through a container engine. */
        CONTAINER("container");

        private final String flag;

        Runtime(String flag) {
            this.flag = flag;
        }

        /** The value of {@code --runtime}. */
        public String flag() {
            return flag;
        }
    }

    public static final long DEFAULT_SEED = 42;
    public static final Path DEFAULT_WORK_DIR = Path.of("work");

    public PipelineOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(aws, "aws");
        if (tuneTrials < 0) {
            throw new PipelineException("--tune " + tuneTrials + " must be 0 (no search) or a number of candidates");
        }
        if (target == Target.AWS) {
            // The AWS target has its own store (the bucket) and runtime (SageMaker); tuning there is SageMaker AMT.
            if (store != Store.LOCAL) {
                throw new PipelineException(
                        "--store does not apply to --target aws: the datasets live in the stacks'" + " data bucket");
            }
            if (runtime != Runtime.IN_PROCESS) {
                throw new PipelineException("--runtime does not apply to --target aws: training and serving run in"
                        + " SageMaker from the pushed images");
            }
            if (tuneTrials > 0) {
                throw new PipelineException("--tune does not apply to --target aws: tune with SageMaker Automatic"
                        + " Model Tuning (docs/deploy.md, section 5.2), then train with the chosen values");
            }
        }
        if (!mode.equals("statlog") && !mode.equals("synthetic")) {
            throw new PipelineException("mode '" + mode + "' is not one of [statlog, synthetic]");
        }
        if (n.isPresent() && n.getAsLong() < 1) {
            throw new PipelineException("n " + n.getAsLong() + " must be at least 1");
        }
        if (n.isPresent() && mode.equals("statlog") && n.getAsLong() != 1000) {
            throw new PipelineException(
                    "n " + n.getAsLong() + " does not fit statlog mode, which has exactly 1000 rows;"
                            + " use --mode synthetic for another size");
        }
    }

    /** Local options without a hyperparameter search. */
    public PipelineOptions(String mode, OptionalLong n, long seed, Path workDir, Store store, Runtime runtime) {
        this(mode, n, seed, workDir, store, runtime, 0);
    }

    /** Local options. */
    public PipelineOptions(
            String mode, OptionalLong n, long seed, Path workDir, Store store, Runtime runtime, int tuneTrials) {
        this(mode, n, seed, workDir, store, runtime, tuneTrials, Target.LOCAL, AwsOptions.defaults());
    }

    /** The same run on AWS with these settings. */
    public PipelineOptions onAws(AwsOptions settings) {
        return new PipelineOptions(mode, n, seed, workDir, store, runtime, tuneTrials, Target.AWS, settings);
    }

    /** Where the leaderboard of a hyperparameter search goes. */
    public Path tuningReport() {
        return workDir.resolve("tuning.txt");
    }

    /** The defaults: Statlog mode, seed 42, folder {@code work}, local store, in-process. */
    public static PipelineOptions defaults() {
        return new PipelineOptions(
                "statlog", OptionalLong.empty(), DEFAULT_SEED, DEFAULT_WORK_DIR, Store.LOCAL, Runtime.IN_PROCESS);
    }

    /**
     * The training job's hyperparameters as SageMaker carries them (string values), the same for both runtimes:
     * the seed, every other one at its default.
     */
    public Map<String, String> hyperparameters() {
        return Map.of("seed", Long.toString(seed));
    }

    /** Where the raw datasets go. */
    public Path rawDir() {
        return workDir.resolve("raw");
    }

    /** Where the prepared datasets go. */
    public Path preparedDir() {
        return workDir.resolve("prepared");
    }

    /** Where the embedded S3-compatible store keeps its objects. */
    public Path s3StoreDir() {
        return workDir.resolve("s3-store");
    }

    /** Where the batch transform writes the explained test set. */
    public Path batchDir() {
        return workDir.resolve("batch");
    }

    /** The HTML dataset report. */
    public Path reportFile() {
        return workDir.resolve("report").resolve("report.html");
    }

    /** Where the trained model goes. */
    public Path modelDir() {
        return workDir.resolve("model");
    }

    /** The explainer's log. */
    public Path explainerLog() {
        return workDir.resolve("explainer.log");
    }

    /** The log of the libraries in the pipeline's own JVM (Spark, Hadoop, the AWS SDK, LightGBM4j). */
    public Path logFile() {
        return workDir.resolve("pipeline.log");
    }

    /** The run records of the AWS target ({@code runs/<run-id>/run.json}, as in the bucket). */
    public Path runsDir() {
        return workDir.resolve("runs");
    }

    /** The SageMaker job folders of the container runtime (config and output of the training job). */
    public Path sageMakerDir() {
        return workDir.resolve("sagemaker");
    }
}

package com.example.credit.pipeline;

import com.example.credit.batch.endpoint.Endpoint;
import com.example.credit.batch.report.ReportSummary;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.datagen.generate.GenerationRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The six stages of the main job on one target: this machine ({@link LocalStages}) or AWS
 * ({@link com.example.credit.pipeline.aws.AwsStages}). {@link Pipeline} runs them in order, with the same titles,
 * checks and summary whichever target does the work; a target only says where each stage runs.
 */
public interface Stages extends AutoCloseable {

    /** For the summary: where the stages ran and exactly what ran. */
    String description();

    /** For the step titles of training and serving, e.g. {@code in-process} or {@code SageMaker}. */
    String label();

    /** For the step title of the ETL: where Spark runs, e.g. {@code local} or {@code AWS Glue}. */
    String sparkLabel();

    /**
     * Generates the raw datasets.
     *
     * @throws PipelineException naming the cause
     */
    Generated generate(GenerationRequest request, Consumer<String> progress);

    /** Joins, cleans and splits the raw datasets into the prepared channels, seeded. */
    Prepared prepare(long seed, Consumer<String> progress);

    /**
     * A hyperparameter search on the training split before training; returns the hyperparameters to train with.
     *
     * @throws PipelineException on a target that cannot tune
     */
    Map<String, String> tune(int trials, long seed, Map<String, String> hyperparameters, Consumer<String> progress);

    /** Trains the model on the prepared channels. */
    Trained train(Map<String, String> hyperparameters, Consumer<String> progress);

    /** Starts serving the trained model; closing the result stops it. */
    Served serve(Consumer<String> progress);

    /** Explains the whole test split through the Batch Transform semantics. */
    Explained batch(Served served, Consumer<String> progress);

    /** Writes the dataset report from the batch outputs and the test labels. */
    ReportSummary report(Consumer<String> progress);

    /** Lines for the end of the summary (resources used, costs), none by default. */
    default List<String> closingLines() {
        return List.of();
    }

    /** Releases what the target holds (an embedded store, clients). */
    @Override
    void close();

    /**
     * The raw datasets.
     *
     * @param location a folder or an {@code s3://} URI
     * @param applicants rows of credits.csv
     * @param seed the seed they were generated with
     */
    record Generated(String location, long applicants, long seed) {}

    /**
     * The prepared datasets.
     *
     * @param location a folder or an {@code s3://} URI
     * @param trainRows rows of the training split
     * @param testRows rows of the test split
     */
    record Prepared(String location, long trainRows, long testRows) {}

    /**
     * The trained model.
     *
     * @param location its folder or the {@code model.tar.gz} URI
     * @param manifest its {@code model.json}
     */
    record Trained(String location, ModelManifest manifest) {}

    /**
     * The batch outputs.
     *
     * @param location a folder or an {@code s3://} URI
     * @param records records explained
     * @param errorRecords error lines among them
     * @param recordsPerSecond throughput of the whole transform
     */
    record Explained(String location, long records, long errorRecords, double recordsPerSecond) {}

    /** A served model: its {@code /invocations} behind {@link Endpoint}. Closing it stops serving. */
    interface Served extends AutoCloseable {

        /** Where it serves, for the summary. */
        String location();

        /** The model's endpoint. */
        Endpoint endpoint();

        @Override
        void close();
    }
}

package com.example.credit.batch.job;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One transform job, described once for both back ends, with SageMaker's names and rules (CreateTransformJob).
 *
 * <p>Three options may be left {@code null}: {@code batchStrategy}, {@code maxPayloadInMB} and {@code
 * maxConcurrentTransforms}. As on SageMaker, the container's {@code GET /execution-parameters} then decides,
 * and SageMaker's defaults (SingleRecord, 6 MB, 1) apply when the container gives none.
 *
 * @param jobName the job name ({@code null}: the AWS back end derives one from the model name and the time)
 * @param modelName the SageMaker model to run (required by the AWS back end only)
 * @param input the input: a local file or folder, or {@code s3://bucket/prefix}
 * @param contentType the input's media type, with optional parameters ({@code application/jsonlines;entities=prediction})
 * @param splitType how a file is cut into records
 * @param batchStrategy how many records go into one request, or {@code null}
 * @param maxPayloadInMB the largest request body in MB (1 to 100), or {@code null}
 * @param maxConcurrentTransforms parallel requests per instance (1 to 256), or {@code null}
 * @param assembleWith how the outputs of a file are put together
 * @param accept the media type asked of the container ({@code null}: the container's default)
 * @param dataProcessing input and output filters and the join
 * @param output the output: a local folder, or {@code s3://bucket/prefix}
 * @param resources the instances of an AWS job
 * @param environment environment variables for the container (at most 16)
 */
public record TransformJobSpec(
        String jobName,
        String modelName,
        String input,
        String contentType,
        SplitType splitType,
        BatchStrategy batchStrategy,
        Integer maxPayloadInMB,
        Integer maxConcurrentTransforms,
        AssembleWith assembleWith,
        String accept,
        DataProcessing dataProcessing,
        String output,
        TransformResources resources,
        Map<String, String> environment) {

    /** SageMaker's payload limit when neither the job nor the container sets one. */
    public static final int DEFAULT_MAX_PAYLOAD_MB = 6;

    /** SageMaker's upper bound of MaxPayloadInMB. */
    public static final int MAX_PAYLOAD_MB_LIMIT = 100;

    /** SageMaker's concurrency when neither the job nor the container sets one. */
    public static final int DEFAULT_MAX_CONCURRENT_TRANSFORMS = 1;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,1023}");

    public TransformJobSpec {
        checkName("TransformJobName", jobName);
        checkName("ModelName", modelName);
        requireText("TransformInput.DataSource", input);
        requireText("TransformOutput.S3OutputPath", output);
        requireText("ContentType", contentType);
        if (contentType.length() > 256) {
            throw new InvalidJobSpecException("ContentType", contentType, "must be at most 256 characters");
        }
        RecordFormat.of(contentType);
        if (accept != null
                && !accept.strip().equals("application/json")
                && !accept.strip().equals("application/jsonlines")) {
            throw new InvalidJobSpecException(
                    "Accept", accept, "must be application/json or application/jsonlines (what the explainer writes)");
        }
        Objects.requireNonNull(splitType, "splitType");
        Objects.requireNonNull(assembleWith, "assembleWith");
        Objects.requireNonNull(dataProcessing, "dataProcessing");
        Objects.requireNonNull(resources, "resources");
        if (maxPayloadInMB != null && (maxPayloadInMB < 1 || maxPayloadInMB > MAX_PAYLOAD_MB_LIMIT)) {
            throw new InvalidJobSpecException(
                    "MaxPayloadInMB", maxPayloadInMB, "must be an integer in [1, " + MAX_PAYLOAD_MB_LIMIT + "]");
        }
        if (maxConcurrentTransforms != null && (maxConcurrentTransforms < 1 || maxConcurrentTransforms > 256)) {
            throw new InvalidJobSpecException(
                    "MaxConcurrentTransforms", maxConcurrentTransforms, "must be an integer in [1, 256]");
        }
        if (dataProcessing.joinSource() == JoinSource.INPUT && assembleWith != AssembleWith.LINE) {
            // SageMaker joins record by record, which needs one output per line.
            throw new InvalidJobSpecException(
                    "DataProcessing.JoinSource", "Input", "needs AssembleWith=Line (SageMaker joins line by line)");
        }
        boolean perRecordProcessing =
                !dataProcessing.inputPath().isRoot() || dataProcessing.joinSource() == JoinSource.INPUT;
        if (perRecordProcessing && splitType != SplitType.LINE) {
            // Filters and joins work on single records; with SplitType None the record is a whole file.
            throw new InvalidJobSpecException(
                    "SplitType", splitType.wireName(), "must be Line when InputFilter or JoinSource=Input is set");
        }
        environment = checkEnvironment(environment == null ? Map.of() : environment);
    }

    /** A builder with SageMaker's defaults for everything but the input, the output and the content type. */
    public static Builder builder(String input, String output, String contentType) {
        return new Builder(input, output, contentType);
    }

    /**
     * The job the dataset report needs: JSON Lines split by line, packed into multi-record requests, each output
     * joined to its input (so it keeps {@code row_id} and the feature values) under {@code SageMakerOutput}, with
     * the prediction, the SHAP values and the reasons.
     *
     * @param input the prepared {@code data_test} folder (or a file of it)
     * @param output the output folder
     */
    public static TransformJobSpec forDatasetReport(String input, String output) {
        return builder(input, output, "application/jsonlines;entities=prediction,explanation_shap_values,reasons")
                .splitType(SplitType.LINE)
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .assembleWith(AssembleWith.LINE)
                .dataProcessing(new DataProcessing("$", "$", JoinSource.INPUT))
                .build();
    }

    /** The format of the input records. */
    public RecordFormat recordFormat() {
        return RecordFormat.of(contentType);
    }

    /** A builder that starts from this job. */
    public Builder toBuilder() {
        Builder builder = new Builder(input, output, contentType);
        builder.jobName = jobName;
        builder.modelName = modelName;
        builder.splitType = splitType;
        builder.batchStrategy = batchStrategy;
        builder.maxPayloadInMB = maxPayloadInMB;
        builder.maxConcurrentTransforms = maxConcurrentTransforms;
        builder.assembleWith = assembleWith;
        builder.accept = accept;
        builder.dataProcessing = dataProcessing;
        builder.resources = resources;
        builder.environment = environment;
        return builder;
    }

    private static void checkName(String field, String name) {
        if (name != null && !NAME.matcher(name).matches()) {
            throw new InvalidJobSpecException(
                    field, name, "must be 1 to 63 letters, digits and single hyphens, starting with a letter or digit");
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidJobSpecException(field, value, "is required");
        }
    }

    private static Map<String, String> checkEnvironment(Map<String, String> environment) {
        if (environment.size() > 16) {
            throw new InvalidJobSpecException(
                    "Environment", environment.size() + " entries", "must have at most 16 entries");
        }
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            if (!ENV_KEY.matcher(entry.getKey()).matches()) {
                throw new InvalidJobSpecException(
                        "Environment key",
                        entry.getKey(),
                        "must match [a-zA-Z_][a-zA-Z0-9_]* (at most 1024 characters)");
            }
            if (entry.getValue() == null || entry.getValue().length() > 10240) {
                throw new InvalidJobSpecException(
                        "Environment." + entry.getKey(),
                        entry.getValue(),
                        "must be a string of at most 10240 characters");
            }
        }
        // Sorted, so that the CreateTransformJob request and its log are the same for the same job.
        return Collections.unmodifiableMap(new TreeMap<>(environment));
    }

    /** Collects the options of a {@link TransformJobSpec}; {@link #build()} validates them. */
    public static final class Builder {
        private final String input;
        private final String output;
        private final String contentType;
        private String jobName;
        private String modelName;
        private SplitType splitType = SplitType.NONE;
        private BatchStrategy batchStrategy;
        private Integer maxPayloadInMB;
        private Integer maxConcurrentTransforms;
        private AssembleWith assembleWith = AssembleWith.NONE;
        private String accept;
        private DataProcessing dataProcessing = DataProcessing.NONE;
        private TransformResources resources = TransformResources.DEFAULT;
        private Map<String, String> environment = Map.of();

        private Builder(String input, String output, String contentType) {
            this.input = input;
            this.output = output;
            this.contentType = contentType;
        }

        public Builder jobName(String value) {
            jobName = value;
            return this;
        }

        public Builder modelName(String value) {
            modelName = value;
            return this;
        }

        public Builder splitType(SplitType value) {
            splitType = value;
            return this;
        }

        public Builder batchStrategy(BatchStrategy value) {
            batchStrategy = value;
            return this;
        }

        public Builder maxPayloadInMB(Integer value) {
            maxPayloadInMB = value;
            return this;
        }

        public Builder maxConcurrentTransforms(Integer value) {
            maxConcurrentTransforms = value;
            return this;
        }

        public Builder assembleWith(AssembleWith value) {
            assembleWith = value;
            return this;
        }

        public Builder accept(String value) {
            accept = value;
            return this;
        }

        public Builder dataProcessing(DataProcessing value) {
            dataProcessing = value;
            return this;
        }

        public Builder resources(TransformResources value) {
            resources = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            environment = value;
            return this;
        }

        public TransformJobSpec build() {
            return new TransformJobSpec(
                    jobName,
                    modelName,
                    input,
                    contentType,
                    splitType,
                    batchStrategy,
                    maxPayloadInMB,
                    maxConcurrentTransforms,
                    assembleWith,
                    accept,
                    dataProcessing,
                    output,
                    resources,
                    environment);
        }
    }
}

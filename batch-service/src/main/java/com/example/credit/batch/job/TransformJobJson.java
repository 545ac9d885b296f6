package com.example.credit.batch.job;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link TransformJobSpec} as JSON in the shape of SageMaker's CreateTransformJob request (what {@code aws
 * sagemaker create-transform-job --cli-input-json} reads), so that one document describes a job for the dashboard's
 * jobs API, the AWS CLI and the SDK alike:
 *
 * <pre>{@code
 * {"TransformJobName": "...", "ModelName": "...",
 *  "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://... or a path"}},
 *                     "ContentType": "application/jsonlines", "SplitType": "Line"},
 *  "BatchStrategy": "MultiRecord", "MaxPayloadInMB": 6, "MaxConcurrentTransforms": 2,
 *  "TransformOutput": {"S3OutputPath": "s3://... or a path", "AssembleWith": "Line", "Accept": "application/jsonlines"},
 *  "DataProcessing": {"InputFilter": "$", "OutputFilter": "$", "JoinSource": "Input"},
 *  "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": 1},
 *  "Environment": {"KEY": "value"}}
 * }</pre>
 *
 * For the local back end {@code S3Uri} and {@code S3OutputPath} may be local paths. Unknown fields are refused
 * (a misspelt option must not be silently dropped); the messages name the field.
 */
public final class TransformJobJson {

    private static final Set<String> TOP = Set.of(
            "TransformJobName",
            "ModelName",
            "TransformInput",
            "BatchStrategy",
            "MaxPayloadInMB",
            "MaxConcurrentTransforms",
            "TransformOutput",
            "DataProcessing",
            "TransformResources",
            "Environment");
    private static final Set<String> INPUT = Set.of("DataSource", "ContentType", "SplitType", "CompressionType");
    private static final Set<String> OUTPUT = Set.of("S3OutputPath", "AssembleWith", "Accept");
    private static final Set<String> PROCESSING = Set.of("InputFilter", "OutputFilter", "JoinSource");
    private static final Set<String> RESOURCES = Set.of("InstanceType", "InstanceCount");

    private TransformJobJson() {}

    /**
     * Reads a job.
     *
     * @throws InvalidJobSpecException naming the field that is missing, unknown or invalid
     */
    public static TransformJobSpec read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidJobSpecException("job", json == null ? null : json.toString(), "must be a JSON object");
        }
        known("", json, TOP);
        JsonNode input = object(json, "TransformInput", true);
        known("TransformInput.", input, INPUT);
        JsonNode source = object(input, "DataSource", true);
        known("TransformInput.DataSource.", source, Set.of("S3DataSource"));
        JsonNode s3Source = object(source, "S3DataSource", true);
        known("TransformInput.DataSource.S3DataSource.", s3Source, Set.of("S3DataType", "S3Uri"));
        String dataType = text(s3Source, "S3DataType", "TransformInput.DataSource.S3DataSource.S3DataType");
        if (dataType != null && !dataType.equals("S3Prefix")) {
            throw new InvalidJobSpecException(
                    "TransformInput.DataSource.S3DataSource.S3DataType",
                    dataType,
                    "must be S3Prefix (a prefix covers one object or a folder of part files)");
        }
        String compression = text(input, "CompressionType", "TransformInput.CompressionType");
        if (compression != null && !compression.equals("None")) {
            throw new InvalidJobSpecException(
                    "TransformInput.CompressionType", compression, "must be None (inputs are not compressed)");
        }
        JsonNode output = object(json, "TransformOutput", true);
        known("TransformOutput.", output, OUTPUT);
        TransformJobSpec.Builder builder = TransformJobSpec.builder(
                        text(s3Source, "S3Uri", "TransformInput.DataSource.S3DataSource.S3Uri"),
                        text(output, "S3OutputPath", "TransformOutput.S3OutputPath"),
                        text(input, "ContentType", "TransformInput.ContentType"))
                .jobName(text(json, "TransformJobName", "TransformJobName"))
                .modelName(text(json, "ModelName", "ModelName"))
                .accept(text(output, "Accept", "TransformOutput.Accept"))
                .maxPayloadInMB(integer(json, "MaxPayloadInMB"))
                .maxConcurrentTransforms(integer(json, "MaxConcurrentTransforms"));
        String split = text(input, "SplitType", "TransformInput.SplitType");
        if (split != null) {
            builder.splitType(SplitType.parse("TransformInput.SplitType", split));
        }
        String assemble = text(output, "AssembleWith", "TransformOutput.AssembleWith");
        if (assemble != null) {
            builder.assembleWith(AssembleWith.parse("TransformOutput.AssembleWith", assemble));
        }
        String strategy = text(json, "BatchStrategy", "BatchStrategy");
        if (strategy != null) {
            builder.batchStrategy(BatchStrategy.parse("BatchStrategy", strategy));
        }
        JsonNode processing = object(json, "DataProcessing", false);
        if (processing != null) {
            known("DataProcessing.", processing, PROCESSING);
            String join = text(processing, "JoinSource", "DataProcessing.JoinSource");
            builder.dataProcessing(new DataProcessing(
                    orDefault(text(processing, "InputFilter", "DataProcessing.InputFilter"), "$"),
                    orDefault(text(processing, "OutputFilter", "DataProcessing.OutputFilter"), "$"),
                    join == null ? JoinSource.NONE : JoinSource.parse("DataProcessing.JoinSource", join)));
        }
        JsonNode resources = object(json, "TransformResources", false);
        if (resources != null) {
            known("TransformResources.", resources, RESOURCES);
            Integer count = integer(resources, "InstanceCount", "TransformResources.InstanceCount");
            builder.resources(new TransformResources(
                    orDefault(
                            text(resources, "InstanceType", "TransformResources.InstanceType"),
                            TransformResources.DEFAULT.instanceType()),
                    count == null ? 1 : count));
        }
        JsonNode environment = object(json, "Environment", false);
        if (environment != null) {
            Map<String, String> variables = new LinkedHashMap<>();
            environment.properties().forEach(entry -> {
                if (!entry.getValue().isString()) {
                    throw new InvalidJobSpecException(
                            "Environment." + entry.getKey(), entry.getValue().toString(), "must be a string");
                }
                variables.put(entry.getKey(), entry.getValue().asString());
            });
            builder.environment(variables);
        }
        return builder.build();
    }

    /** Writes a job in the same shape; {@link #read(JsonNode)} reads it back to an equal job. */
    public static ObjectNode write(TransformJobSpec spec, JsonMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        if (spec.jobName() != null) {
            json.put("TransformJobName", spec.jobName());
        }
        if (spec.modelName() != null) {
            json.put("ModelName", spec.modelName());
        }
        ObjectNode input = json.putObject("TransformInput");
        ObjectNode s3Source = input.putObject("DataSource").putObject("S3DataSource");
        s3Source.put("S3DataType", "S3Prefix");
        s3Source.put("S3Uri", spec.input());
        input.put("ContentType", spec.contentType());
        input.put("SplitType", spec.splitType().wireName());
        if (spec.batchStrategy() != null) {
            json.put("BatchStrategy", spec.batchStrategy().wireName());
        }
        if (spec.maxPayloadInMB() != null) {
            json.put("MaxPayloadInMB", spec.maxPayloadInMB());
        }
        if (spec.maxConcurrentTransforms() != null) {
            json.put("MaxConcurrentTransforms", spec.maxConcurrentTransforms());
        }
        ObjectNode output = json.putObject("TransformOutput");
        output.put("S3OutputPath", spec.output());
        output.put("AssembleWith", spec.assembleWith().wireName());
        if (spec.accept() != null) {
            output.put("Accept", spec.accept());
        }
        ObjectNode processing = json.putObject("DataProcessing");
        processing.put("InputFilter", spec.dataProcessing().inputFilter());
        processing.put("OutputFilter", spec.dataProcessing().outputFilter());
        processing.put("JoinSource", spec.dataProcessing().joinSource().wireName());
        ObjectNode resources = json.putObject("TransformResources");
        resources.put("InstanceType", spec.resources().instanceType());
        resources.put("InstanceCount", spec.resources().instanceCount());
        if (!spec.environment().isEmpty()) {
            ObjectNode environment = json.putObject("Environment");
            spec.environment().forEach(environment::put);
        }
        return json;
    }

    private static void known(String prefix, JsonNode object, Set<String> fields) {
        for (String name : object.propertyNames()) {
            if (!fields.contains(name)) {
                throw new InvalidJobSpecException(
                        prefix + name, object.get(name).toString(), "is not a field here; the fields are " + fields);
            }
        }
    }

    private static JsonNode object(JsonNode parent, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidJobSpecException(field, null, "is required");
            }
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidJobSpecException(field, node.toString(), "must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidJobSpecException(path, node.toString(), "must be a string");
        }
        return node.asString();
    }

    private static Integer integer(JsonNode parent, String field) {
        return integer(parent, field, field);
    }

    private static Integer integer(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidJobSpecException(path, node.toString(), "must be an integer");
        }
        return node.asInt();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}

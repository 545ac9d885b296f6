package com.example.credit.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jobs as CreateTransformJob JSON: every option read and written back, SageMaker's defaults, and errors by field. */
class TransformJobJsonTests {

    private final JsonMapper mapper = JsonMapper.shared();

    private JsonNode json(String text) {
        return mapper.readTree(text.replace('\'', '"'));
    }

    @Test
    void readsEveryOptionOfACreateTransformJobRequestAndWritesItBackUnchanged() {
        JsonNode request = json("{'TransformJobName': 'nightly-1', 'ModelName': 'credit-model',"
                + " 'TransformInput': {'DataSource': {'S3DataSource': {'S3DataType': 'S3Prefix',"
                + " 'S3Uri': 's3://bucket/in'}}, 'ContentType': 'application/jsonlines', 'SplitType': 'Line'},"
                + " 'BatchStrategy': 'MultiRecord', 'MaxPayloadInMB': 6, 'MaxConcurrentTransforms': 2,"
                + " 'TransformOutput': {'S3OutputPath': 's3://bucket/out', 'AssembleWith': 'Line',"
                + " 'Accept': 'application/jsonlines'},"
                + " 'DataProcessing': {'InputFilter': '$', 'OutputFilter': '$', 'JoinSource': 'Input'},"
                + " 'TransformResources': {'InstanceType': 'ml.c5.xlarge', 'InstanceCount': 2},"
                + " 'Environment': {'LOG_LEVEL': 'info'}}");

        TransformJobSpec spec = TransformJobJson.read(request);

        assertThat(spec.jobName()).isEqualTo("nightly-1");
        assertThat(spec.modelName()).isEqualTo("credit-model");
        assertThat(spec.input()).isEqualTo("s3://bucket/in");
        assertThat(spec.output()).isEqualTo("s3://bucket/out");
        assertThat(spec.splitType()).isEqualTo(SplitType.LINE);
        assertThat(spec.batchStrategy()).isEqualTo(BatchStrategy.MULTI_RECORD);
        assertThat(spec.maxPayloadInMB()).isEqualTo(6);
        assertThat(spec.maxConcurrentTransforms()).isEqualTo(2);
        assertThat(spec.assembleWith()).isEqualTo(AssembleWith.LINE);
        assertThat(spec.accept()).isEqualTo("application/jsonlines");
        assertThat(spec.dataProcessing()).isEqualTo(new DataProcessing("$", "$", JoinSource.INPUT));
        assertThat(spec.resources()).isEqualTo(new TransformResources("ml.c5.xlarge", 2));
        assertThat(spec.environment()).isEqualTo(Map.of("LOG_LEVEL", "info"));
        assertThat(TransformJobJson.write(spec, mapper)).isEqualTo(request);
        assertThat(TransformJobJson.read(TransformJobJson.write(spec, mapper))).isEqualTo(spec);
    }

    @Test
    void leavesUnsetOptionsToSageMakersDefaultsAndTheContainer() {
        TransformJobSpec spec = TransformJobJson.read(json("{'TransformInput': {'DataSource': {'S3DataSource':"
                + " {'S3Uri': 'data/in'}}, 'ContentType': 'text/csv'}, 'TransformOutput': {'S3OutputPath': 'out'}}"));

        assertThat(spec)
                .isEqualTo(
                        TransformJobSpec.builder("data/in", "out", "text/csv").build());
        assertThat(spec.batchStrategy()).isNull();
        assertThat(spec.maxConcurrentTransforms()).isNull();
        assertThat(spec.splitType()).isEqualTo(SplitType.NONE);
    }

    @Test
    void namesTheFieldThatIsMissingUnknownOrOfTheWrongType() {
        String valid = "'TransformInput': {'DataSource': {'S3DataSource': {'S3Uri': 'in'}}, 'ContentType':"
                + " 'text/csv'}, 'TransformOutput': {'S3OutputPath': 'out'}";
        Map<String, String> cases = Map.of(
                "{'TransformOutput': {'S3OutputPath': 'out'}}",
                "TransformInput=null is invalid: is required",
                "{" + valid + ", 'MaxPayloadInMB': '6'}",
                "MaxPayloadInMB='\"6\"' is invalid: must be an integer",
                "{" + valid + ", 'BatchStrategy': 'Batch'}",
                "BatchStrategy='Batch' is invalid: must be one of SingleRecord, MultiRecord",
                "{" + valid + ", 'TransformResources': {'InstanceType': 'ml.m5.large', 'InstanceCounts': 1}}",
                "TransformResources.InstanceCounts='1' is invalid: is not a field here",
                "{" + valid + ", 'Environment': {'DEBUG': true}}",
                "Environment.DEBUG='true' is invalid: must be a string",
                "{'TransformInput': {'DataSource': {'S3DataSource': {'S3DataType': 'ManifestFile', 'S3Uri': 'in'}},"
                        + " 'ContentType': 'text/csv'}, 'TransformOutput': {'S3OutputPath': 'out'}}",
                "TransformInput.DataSource.S3DataSource.S3DataType='ManifestFile' is invalid: must be S3Prefix",
                "[1]",
                "job='[1]' is invalid: must be a JSON object");
        cases.forEach((text, message) -> assertThatThrownBy(() -> TransformJobJson.read(json(text)))
                .as(text)
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith(message));
    }
}

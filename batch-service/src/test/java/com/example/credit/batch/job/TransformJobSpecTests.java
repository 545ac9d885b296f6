package com.example.credit.batch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformJobSpecTests {

    private static TransformJobSpec.Builder job() {
        return TransformJobSpec.builder("in", "out", "application/jsonlines");
    }

    @Test
    void startsFromSageMakersDefaults() {
        TransformJobSpec spec = job().build();

        assertThat(spec.splitType()).isEqualTo(SplitType.NONE);
        assertThat(spec.assembleWith()).isEqualTo(AssembleWith.NONE);
        assertThat(spec.batchStrategy()).isNull();
        assertThat(spec.maxPayloadInMB()).isNull();
        assertThat(spec.dataProcessing()).isEqualTo(DataProcessing.NONE);
        assertThat(spec.resources()).isEqualTo(new TransformResources("ml.m5.large", 1));
        assertThat(spec.recordFormat()).isEqualTo(RecordFormat.JSON_LINES);
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    @Test
    void rejectsAPayloadLimitAboveOneHundredMegabytes() {
        assertThatThrownBy(() -> job().maxPayloadInMB(101).build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("MaxPayloadInMB=101 is invalid: must be an integer in [1, 100]");
    }

    @Test
    void rejectsZeroConcurrentTransforms() {
        assertThatThrownBy(() -> job().maxConcurrentTransforms(0).build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("MaxConcurrentTransforms=0 is invalid: must be an integer in [1, 256]");
    }

    @Test
    void rejectsAContentTypeTheExplainerCannotRead() {
        assertThatThrownBy(() -> TransformJobSpec.builder("in", "out", "application/x-parquet")
                        .build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("ContentType='application/x-parquet' is invalid: must be application/json,"
                        + " application/jsonlines or text/csv");
    }

    @Test
    void acceptsContentTypeParametersSuchAsEntities() {
        assertThat(TransformJobSpec.builder("in", "out", "text/csv;entities=prediction")
                        .build()
                        .recordFormat())
                .isEqualTo(RecordFormat.CSV);
    }

    @Test
    void rejectsAnAcceptTheExplainerCannotWrite() {
        assertThatThrownBy(() -> job().accept("text/csv").build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("Accept='text/csv' is invalid: must be application/json or application/jsonlines"
                        + " (what the explainer writes)");
    }

    @Test
    void rejectsAnUnsupportedFilterNamingTheField() {
        assertThatThrownBy(() -> new DataProcessing("$..amount", "$", JoinSource.NONE))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("InputFilter='$..amount' is invalid: JSONPath '$..amount' at position 2");
    }

    @Test
    void rejectsAFilterLongerThanSageMakerAllows() {
        String longFilter = "$['" + "a".repeat(70) + "']";

        assertThatThrownBy(() -> new DataProcessing("$", longFilter, JoinSource.NONE))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageEndingWith("is invalid: must be at most 63 characters (SageMaker's limit)");
    }

    @Test
    void rejectsAJoinWithoutLineSplitting() {
        DataProcessing join = new DataProcessing("$", "$", JoinSource.INPUT);

        assertThatThrownBy(() -> job().assembleWith(AssembleWith.LINE)
                        .dataProcessing(join)
                        .build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("SplitType='None' is invalid: must be Line when InputFilter or JoinSource=Input is set");
        assertThatThrownBy(() ->
                        job().splitType(SplitType.LINE).dataProcessing(join).build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("DataProcessing.JoinSource='Input' is invalid: needs AssembleWith=Line (SageMaker joins"
                        + " line by line)");
    }

    @Test
    void parsesSageMakersSpellingOfOptionsAndListsTheAllowedOnes() {
        assertThat(BatchStrategy.parse("BatchStrategy", "MultiRecord")).isEqualTo(BatchStrategy.MULTI_RECORD);
        assertThat(SplitType.parse("SplitType", "line")).isEqualTo(SplitType.LINE);
        assertThatThrownBy(() -> SplitType.parse("SplitType", "RecordIO"))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("SplitType='RecordIO' is invalid: must be one of None, Line");
    }

    @Test
    void rejectsInvalidNamesAndInstances() {
        assertThatThrownBy(() -> job().modelName("credit_model").build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("ModelName='credit_model' is invalid: must be 1 to 63 letters");
        assertThatThrownBy(() -> new TransformResources("m5.large", 1))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("InstanceType='m5.large' is invalid: must be an ML instance type such as ml.m5.large");
        assertThatThrownBy(() -> new TransformResources("ml.m5.large", 0))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("InstanceCount=0 is invalid: must be an integer in [1, 100]");
    }

    @Test
    void rejectsMoreThanSixteenEnvironmentVariablesAndBadKeys() {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            environment.put("KEY_" + i, "v");
        }

        assertThatThrownBy(() -> job().environment(environment).build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("Environment='17 entries' is invalid: must have at most 16 entries");
        assertThatThrownBy(() -> job().environment(Map.of("1BAD", "v")).build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("Environment key='1BAD' is invalid");
    }

    @Test
    void requiresInputAndOutput() {
        assertThatThrownBy(
                        () -> TransformJobSpec.builder(" ", "out", "text/csv").build())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("TransformInput.DataSource=' ' is invalid: is required");
    }
}

package com.example.credit.core.bias;

import static com.example.credit.core.bias.Tables.AGE;
import static com.example.credit.core.bias.Tables.FEMALE;
import static com.example.credit.core.bias.Tables.GENDER;
import static com.example.credit.core.bias.Tables.MALE;
import static com.example.credit.core.bias.Tables.THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two JSON forms: this project's bias report, and the bias sections of Clarify's analysis.json. */
class BiasJsonTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /*
     *   gender  age  defaulted  p(default)  approved (p < 0.5)
     *   female   22    false       0.2          yes   TP
     *   female   40    true        0.7          no    TN
     *   male     30    false       0.6          no    FN
     *   male     70    true        0.3          yes   FP
     *   male     50    false       0.1          yes   TP
     */
    private static final List<Row> ROWS = List.of(
            row("female", 22, false, 0.2),
            row("female", 40, true, 0.7),
            row("male", 30, false, 0.6),
            row("male", 70, true, 0.3),
            row("male", 50, false, 0.1));

    private static final List<Facet> FACETS = new ArrayList<>(List.of(FEMALE, MALE));

    static {
        FACETS.addAll(Facet.bands(AGE, 25, 65));
    }

    private static Row row(String gender, int age, boolean defaulted, double p) {
        return Row.scored(defaulted, p, Map.of(GENDER, gender, AGE, Integer.toString(age)));
    }

    private static BiasReport pre() {
        return BiasAnalysis.preTraining(ROWS, FACETS, Optional.empty());
    }

    private static BiasReport post() {
        return BiasAnalysis.postTraining(ROWS, FACETS, Optional.empty(), THRESHOLD);
    }

    @Test
    void writesClarifysAnalysisShapeWithFacetsUnderTheirAttribute() {
        JsonNode root = MAPPER.readTree(ClarifyAnalysisJson.write(Optional.of(pre()), Optional.of(post())));

        assertThat(root.propertyNames()).containsExactly("pre_training_bias_metrics", "post_training_bias_metrics");
        JsonNode section = root.path("pre_training_bias_metrics");
        assertThat(section.propertyNames()).containsExactly("label", "label_value_or_threshold", "facets");
        assertThat(section.path("label").asString()).isEqualTo("credit__default");
        assertThat(section.path("label_value_or_threshold").asString()).isEqualTo("false");
        assertThat(section.path("facets").propertyNames()).containsExactly("personal__gender", "personal__age");
        assertThat(section.path("facets").path("personal__gender").values())
                .extracting(entry -> entry.path("value_or_threshold").asString())
                .containsExactly("female", "male");
        assertThat(section.path("facets").path("personal__age").values())
                .extracting(entry -> entry.path("value_or_threshold").asString())
                .containsExactly("(-inf, 25)", "[25, 65)", "[65, +inf)");
    }

    @Test
    void addsTrainingsPreTrainingReportToAPostTrainingAnalysisAsIfWrittenTogether() {
        String postOnly = ClarifyAnalysisJson.write(Optional.empty(), Optional.of(post()));

        String merged = ClarifyAnalysisJson.withPreTraining(postOnly, BiasReportJson.write(pre()));

        // The same bytes as the analysis written from both reports at once: facets, sorted metrics, failed metrics.
        assertThat(merged).isEqualTo(ClarifyAnalysisJson.write(Optional.of(pre()), Optional.of(post())));
        assertThatThrownBy(() -> ClarifyAnalysisJson.withPreTraining(postOnly, BiasReportJson.write(post())))
                .isInstanceOf(BiasException.class)
                .hasMessageContaining("this build reads format 1, stage pre_training");
    }

    @Test
    void sortsAFacetsMetricsByNameAsClarifyDoes() {
        JsonNode root = MAPPER.readTree(ClarifyAnalysisJson.write(Optional.of(pre()), Optional.of(post())));

        JsonNode female = root.path("pre_training_bias_metrics")
                .path("facets")
                .path("personal__gender")
                .get(0);
        assertThat(female.propertyNames()).containsExactly("value_or_threshold", "metrics");
        assertThat(female.path("metrics").values())
                .extracting(metric -> metric.path("name").asString())
                .containsExactly("CDDL", "CI", "DPL", "JS", "KL", "KS", "LP", "TVD");
        JsonNode ci = female.path("metrics").get(1);
        assertThat(ci.propertyNames()).containsExactly("name", "description", "value");
        assertThat(ci.path("description").asString()).isEqualTo("Class Imbalance (CI)");
        // CI = (n_a - n_d) / (n_a + n_d) = (3 - 2) / 5
        assertThat(ci.path("value").asDouble()).isEqualTo(0.2);

        JsonNode postFemale = root.path("post_training_bias_metrics")
                .path("facets")
                .path("personal__gender")
                .get(0);
        assertThat(postFemale.path("metrics").values())
                .extracting(metric -> metric.path("name").asString())
                .containsExactly("AD", "CDDPL", "DAR", "DCA", "DCR", "DI", "DPPL", "DRR", "FT", "RD", "SD", "TE");
    }

    @Test
    void writesAMetricWithoutValueAsClarifyWritesAFailedOne() {
        JsonNode root = MAPPER.readTree(ClarifyAnalysisJson.write(Optional.empty(), Optional.of(post())));

        JsonNode ft = root.path("post_training_bias_metrics")
                .path("facets")
                .path("personal__gender")
                .get(0)
                .path("metrics")
                .get(8);
        assertThat(ft.path("name").asString()).isEqualTo("FT");
        assertThat(ft.propertyNames()).containsExactly("name", "description", "value", "error");
        assertThat(ft.path("value").isNull()).isTrue();
        assertThat(ft.path("error").asString()).isEqualTo(BiasAnalysis.FLIP_TEST_SKIPPED);
        assertThat(root.has("pre_training_bias_metrics")).isFalse();
    }

    @Test
    void writesTheGlobalShapValuesWhereClarifysReadersLookForThem() {
        // Each feature's mean |phi| over everyone: what Clarify lists as global SHAP values, in the order given.
        GroupAttribution everyone = new GroupAttribution(
                5,
                List.of(
                        new FeatureAttribution("credit__duration", -0.05, 0.31),
                        new FeatureAttribution("credit__amount", 0.12, 0.27)));

        JsonNode root = MAPPER.readTree(
                ClarifyAnalysisJson.write(Optional.empty(), Optional.of(post()), Optional.of(everyone)));

        assertThat(root.propertyNames()).containsExactly("post_training_bias_metrics", "explanations");
        JsonNode label = root.path("explanations").path("kernel_shap").path("label0");
        assertThat(label.propertyNames()).containsExactly("global_shap_values");
        assertThat(label.path("global_shap_values").propertyNames())
                .containsExactly("credit__duration", "credit__amount");
        assertThat(label.path("global_shap_values").path("credit__duration").asDouble())
                .isEqualTo(0.31);
        assertThat(label.path("global_shap_values").path("credit__amount").asDouble())
                .isEqualTo(0.27);
        assertThat(MAPPER.readTree(ClarifyAnalysisJson.write(Optional.empty(), Optional.of(post())))
                        .has("explanations"))
                .isFalse();
        assertThatThrownBy(() -> ClarifyAnalysisJson.write(
                        Optional.empty(), Optional.of(post()), Optional.of(new GroupAttribution(0, List.of()))))
                .isInstanceOf(BiasException.class)
                .hasMessage("global SHAP values need at least one explained row; got none");
    }

    @Test
    void refusesAnAnalysisWithoutReportsOrWithAReportInTheWrongSection() {
        assertThatThrownBy(() -> ClarifyAnalysisJson.write(Optional.empty(), Optional.empty()))
                .isInstanceOf(BiasException.class)
                .hasMessage("an analysis.json needs a pre-training or a post-training report; got neither");
        assertThatThrownBy(() -> ClarifyAnalysisJson.write(Optional.of(post()), Optional.empty()))
                .isInstanceOf(BiasException.class)
                .hasMessage("a post_training report cannot fill pre_training_bias_metrics; it belongs in"
                        + " post_training_bias_metrics");
    }

    @Test
    void writesTheFullReportWithCountsReadingsAndTheMetricsDefinition() {
        JsonNode root = MAPPER.readTree(BiasReportJson.write(post()));

        assertThat(root.propertyNames())
                .containsExactly(
                        "format_version",
                        "stage",
                        "label",
                        "favourable_label_value",
                        "prediction_threshold",
                        "group_variable",
                        "rows",
                        "facets");
        assertThat(root.path("format_version").asInt()).isEqualTo(1);
        assertThat(root.path("stage").asString()).isEqualTo("post_training");
        assertThat(root.path("prediction_threshold").asDouble()).isEqualTo(0.5);
        assertThat(root.path("group_variable").isNull()).isTrue();
        assertThat(root.path("rows").asInt()).isEqualTo(5);

        JsonNode female = root.path("facets").get(0);
        assertThat(female.path("name").asString()).isEqualTo("personal__gender=female");
        assertThat(female.path("attribute").asString()).isEqualTo("personal__gender");
        assertThat(female.path("value_or_threshold").asString()).isEqualTo("female");
        // female: TP 1 (22, repaid, 0.2), TN 1 (40, defaulted, 0.7); male: TP 1, FP 1, FN 1
        assertThat(MAPPER.writeValueAsString(female.path("counts")))
                .isEqualTo("{\"facet\":{\"rows\":2,\"favourable\":1,\"predicted_favourable\":1,\"true_positives\":1,"
                        + "\"false_positives\":0,\"false_negatives\":0,\"true_negatives\":1},"
                        + "\"others\":{\"rows\":3,\"favourable\":2,\"predicted_favourable\":2,\"true_positives\":1,"
                        + "\"false_positives\":1,\"false_negatives\":1,\"true_negatives\":0}}");

        JsonNode di = female.path("metrics").get(1);
        assertThat(di.propertyNames())
                .containsExactly(
                        "name", "description", "value", "status", "ideal_value", "range", "reading", "notes", "source");
        assertThat(di.path("name").asString()).isEqualTo("DI");
        // DI = q'_d / q'_a = (1/2) / (2/3) = 0.75
        assertThat(di.path("value").asDouble()).isEqualTo(0.75);
        assertThat(di.path("status").asString()).isEqualTo("computed");
        assertThat(di.path("ideal_value").asDouble()).isEqualTo(1.0);
        assertThat(MAPPER.writeValueAsString(di.path("range")))
                .isEqualTo("{\"min\":0.0,\"max\":null,\"notation\":\"[0, +inf)\"}");
        assertThat(di.path("reading").asString()).startsWith("personal__gender=female is approved at 0.750 times");
        assertThat(di.path("source").asString())
                .isEqualTo("https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-post-training-bias-metric-di.html");

        JsonNode ft = female.path("metrics").get(11);
        assertThat(ft.path("value").isNull()).isTrue();
        assertThat(ft.path("status").asString()).isEqualTo("not_applicable");
        assertThat(ft.path("notes").get(0).asString()).isEqualTo(BiasAnalysis.FLIP_TEST_SKIPPED);
    }

    @Test
    void writesTheSameBytesForTheSameAnalysis() {
        assertThat(BiasReportJson.write(post())).isEqualTo(BiasReportJson.write(post()));
        assertThat(ClarifyAnalysisJson.write(Optional.of(pre()), Optional.of(post())))
                .isEqualTo(ClarifyAnalysisJson.write(Optional.of(pre()), Optional.of(post())));
        assertThat(BiasReportJson.write(pre())).endsWith("}\n");
    }
}

package com.example.credit.explainer.web;

import com.example.credit.core.schema.Feature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code GET /model} says about the served model: enough for the page to build its form and to label its
 * charts, and for an operator to see which model answers.
 *
 * @param directory the model directory
 * @param objective the LightGBM objective line
 * @param trees the number of trees
 * @param expectedValue the SHAP base value (log-odds)
 * @param metrics the training metrics from the manifest
 * @param entities every entity a request can ask for
 * @param defaultEntities the entities of a request that names none
 * @param reasonCount the k of the top-k reason codes
 * @param reasonMethodVersion the version of the reason-code rule and wording
 * @param probabilityMethod the method of the probability view of path-dependent explanations
 * @param explanationMethods the explanation methods a request can choose ({@code explanation_method=}), the default
 *     first
 * @param references the reference populations interventional explanations can be relative to, the default
 *     ({@code background}) first when there is one; empty for a model without any
 * @param leaves the model's leaves, all trees together: the third factor of the interventional work
 * @param maxInterventionalWork the most records × reference rows × leaves one interventional request may ask for
 * @param features the features in model order
 */
public record ModelDescription(
        String directory,
        String objective,
        int trees,
        @JsonProperty("expected_value") double expectedValue,
        Map<String, Double> metrics,
        List<String> entities,
        @JsonProperty("default_entities") String defaultEntities,
        @JsonProperty("reason_count") int reasonCount,
        @JsonProperty("reason_method_version") String reasonMethodVersion,
        @JsonProperty("probability_method") String probabilityMethod,
        @JsonProperty("explanation_methods") List<String> explanationMethods,
        List<ReferenceDescription> references,
        long leaves,
        @JsonProperty("max_interventional_work") long maxInterventionalWork,
        List<FeatureDescription> features) {

    public ModelDescription {
        metrics = Map.copyOf(metrics);
        entities = List.copyOf(entities);
        explanationMethods = List.copyOf(explanationMethods);
        references = List.copyOf(references);
        features = List.copyOf(features);
    }

    /**
     * One reference population of the model, as the page and an operator need it.
     *
     * @param name the name a request chooses it by ({@code reference=})
     * @param description what its rows are, as training recorded it
     * @param rows its number of rows
     * @param sha256 the SHA-256 of its file
     * @param expectedValue the base value of explanations against it: its rows' mean raw score (log-odds)
     * @param expectedProbability the base value of their probability view: its rows' mean probability
     * @param probabilityMethod the method of that probability view
     * @param maxRecords the most records one request may explain against it
     */
    public record ReferenceDescription(
            String name,
            String description,
            int rows,
            String sha256,
            @JsonProperty("expected_value") double expectedValue,
            @JsonProperty("expected_probability") double expectedProbability,
            @JsonProperty("probability_method") String probabilityMethod,
            @JsonProperty("max_records") long maxRecords) {}

    /**
     * One feature as the stored schema describes it.
     *
     * @param name the wire name
     * @param index the position in model order
     * @param title the short title
     * @param description the plain-language description
     * @param group the feature group (the name's prefix)
     * @param kind {@code categorical} or {@code numeric}
     * @param categories the allowed values of a categorical feature, else {@code null}
     * @param minimum the smallest value of a numeric feature, else {@code null}
     * @param maximum the largest value of a numeric feature, else {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeatureDescription(
            String name,
            int index,
            String title,
            String description,
            String group,
            String kind,
            List<String> categories,
            Double minimum,
            Double maximum) {

        /** The description of a catalogue feature. */
        public static FeatureDescription of(Feature feature) {
            boolean categorical = feature.isCategorical();
            return new FeatureDescription(
                    feature.name(),
                    feature.index(),
                    feature.title(),
                    feature.description(),
                    feature.group(),
                    feature.kind().name().toLowerCase(Locale.ROOT),
                    categorical ? feature.categories() : null,
                    categorical ? null : feature.minimum(),
                    categorical ? null : feature.maximum());
        }
    }
}

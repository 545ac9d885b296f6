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
 * @param probabilityMethod the method of the probability view
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
        List<FeatureDescription> features) {

    public ModelDescription {
        metrics = Map.copyOf(metrics);
        entities = List.copyOf(entities);
        features = List.copyOf(features);
    }

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

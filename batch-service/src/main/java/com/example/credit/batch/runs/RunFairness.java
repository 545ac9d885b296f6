package com.example.credit.batch.runs;

import com.example.credit.core.bias.BiasReport;
import com.example.credit.core.bias.BiasReportJson;
import com.example.credit.core.bias.ClarifyAnalysisJson;
import com.example.credit.core.bias.FacetExplanation;
import com.example.credit.core.bias.FeatureAttribution;
import com.example.credit.core.bias.GroupAttribution;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run's fairness as the index step computes it: the post-training bias metrics of its labelled applicants by
 * facet of the protected attributes (credit-core's {@code BiasAnalysis}), the explanations by group, and the global
 * SHAP values; the summary's {@code fairness} block, {@code bias-post.json} and Clarify's {@code analysis.json}.
 * Aggregates only: counts, rates, metrics and mean SHAP values of groups.
 *
 * @param settings the facets, the group variable and the approval threshold
 * @param counts which applicants were analysed, and which were left out for want of what
 * @param postTraining the bias metrics of each facet
 * @param byGroup the mean φ and mean |φ| of each feature, for each facet and everyone else
 * @param everyone the mean φ and mean |φ| over every explained applicant, from the lines' values (exact)
 */
record RunFairness(
        BiasSettings settings,
        Counts counts,
        BiasReport postTraining,
        List<FacetExplanation> byGroup,
        GroupAttribution everyone) {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    RunFairness {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(postTraining, "postTraining");
        byGroup = List.copyOf(byGroup);
        Objects.requireNonNull(everyone, "everyone");
    }

    /**
     * Which applicants the analysis saw.
     *
     * @param labelled the run's labelled applicants
     * @param analysed of those, the ones in the bias metrics: with the protected attributes the facets need and a
     *     value of the group variable
     * @param withoutProtectedAttributes labelled, but without (all) those protected attributes
     * @param withoutGroupVariable labelled, with the protected attributes, but without a value of the group variable
     * @param explained the run's explained applicants (the global SHAP values)
     * @param explainedWithProtectedAttributes of those, the ones with the protected attributes (the explanations by
     *     group, labelled or not)
     */
    record Counts(
            long labelled,
            long analysed,
            long withoutProtectedAttributes,
            long withoutGroupVariable,
            long explained,
            long explainedWithProtectedAttributes) {}

    /** This project's bias report of the run ({@code bias-post.json}). */
    String biasPostJson() {
        return BiasReportJson.write(postTraining);
    }

    /**
     * Clarify's {@code analysis.json}: the post-training section and the global SHAP values. The pre-training section
     * is left out: it is training's ({@code bias-pre.json} beside the model), and this build has no reader of it.
     */
    String clarifyAnalysisJson() {
        return ClarifyAnalysisJson.write(Optional.empty(), Optional.of(postTraining), Optional.of(everyone));
    }

    /**
     * The summary's {@code fairness} block: {@code settings}, {@code rows}, {@code post_training} (the content of
     * {@code bias-post.json}) and {@code explanations_by_group}.
     */
    ObjectNode summary() {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("settings", settings(settings));
        node.putObject("rows")
                .put("labelled", counts.labelled())
                .put("analysed", counts.analysed())
                .put("without_protected_attributes", counts.withoutProtectedAttributes())
                .put("without_group_variable", counts.withoutGroupVariable())
                .put("explained", counts.explained())
                .put("explained_with_protected_attributes", counts.explainedWithProtectedAttributes());
        node.set("post_training", MAPPER.readTree(biasPostJson()));
        ArrayNode groups = node.putArray("explanations_by_group");
        for (FacetExplanation explanation : byGroup) {
            ObjectNode entry = groups.addObject();
            entry.put("facet", explanation.facet().name());
            entry.put("attribute", explanation.facet().attribute());
            entry.put("value_or_threshold", explanation.facet().valueOrThreshold());
            group(entry.putObject("facet_members"), explanation.facetMembers());
            group(entry.putObject("others"), explanation.others());
        }
        return node;
    }

    /** The settings as the fairness block records them: facet names, the group variable, the approval threshold. */
    static ObjectNode settings(BiasSettings settings) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode facets = node.putArray("facets");
        settings.facets().forEach(facet -> facets.add(facet.name()));
        if (settings.groupVariable().isPresent()) {
            node.put("group_variable", settings.groupVariable().get());
        } else {
            node.putNull("group_variable");
        }
        node.put("approval_threshold", settings.approvalThreshold());
        return node;
    }

    private static void group(ObjectNode node, GroupAttribution group) {
        node.put("rows", group.rows());
        ArrayNode features = node.putArray("features");
        for (FeatureAttribution feature : group.features()) {
            features.addObject()
                    .put("feature", feature.feature())
                    .put("mean_phi", feature.meanShap())
                    .put("mean_abs_phi", feature.meanAbsShap());
        }
    }
}

package com.example.credit.batch.web;

import com.example.credit.batch.runs.RunIndex;
import com.example.credit.core.schema.FeatureCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One applicant's explanation as an adverse-action file holds it: the decision, the reasons in plain words, the
 * waterfall, and what produced them — the model's version (the SHA-256 of its {@code model.json}) and the explanation
 * methods with their versions.
 *
 * @param runId the run
 * @param rowId the applicant
 * @param probability the probability of default
 * @param threshold the probability from which the dashboard shows "declined" (its display convention)
 * @param label whether the applicant defaulted, when known
 * @param reasons the reason sentences, strongest first
 * @param expectedValue the waterfall's start (log-odds)
 * @param rawScore its end (log-odds)
 * @param steps the largest contributions by size, the rest as one "other features" step
 * @param modelVersion {@code sha256:...} of model.json, or why it is not known
 * @param methods the explanation methods and versions, by what they explain
 */
public record ApplicantReport(
        String runId,
        String rowId,
        double probability,
        double threshold,
        Boolean label,
        List<String> reasons,
        double expectedValue,
        double rawScore,
        List<Step> steps,
        String modelVersion,
        Map<String, String> methods) {

    /** The number of contributions the waterfall shows one by one. */
    static final int STEPS = 10;

    /** The contribution method of every explanation (exact, on the model's trees). */
    static final String SHAP_METHOD = "path-dependent TreeSHAP, exact (log-odds)";

    public ApplicantReport {
        reasons = List.copyOf(reasons);
        steps = List.copyOf(steps);
        // In the order given: contributions, reasons, probability view.
        methods = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(methods));
    }

    /**
     * One step of the waterfall.
     *
     * @param title the feature's title, or "Other features (n)"
     * @param value the feature's value as sent, empty for the rest
     * @param phi the contribution in log-odds
     */
    public record Step(String title, String value, double phi) {}

    /** "declined" when the probability of default reaches the threshold, else "approved". */
    public String decision() {
        return probability >= threshold ? "declined" : "approved";
    }

    /** Reads the report from an applicant's batch output line. */
    static ApplicantReport of(
            String runId, RunIndex.Applicant applicant, FeatureCatalog catalog, String modelVersion, double threshold) {
        JsonNode output = applicant.record().path("SageMakerOutput");
        JsonNode explanation = output.path("explanation_shap_values");
        List<Step> all = new ArrayList<>();
        explanation.path("shap_values").properties().forEach(entry -> {
            String title = catalog.contains(entry.getKey())
                    ? catalog.feature(entry.getKey()).title()
                    : entry.getKey();
            JsonNode value = applicant.record().path(entry.getKey());
            all.add(new Step(
                    title,
                    value.isMissingNode() || value.isNull() ? "" : value.asString(),
                    entry.getValue().asDouble()));
        });
        all.sort(Comparator.comparingDouble((Step step) -> -Math.abs(step.phi())));
        List<Step> steps = new ArrayList<>(all.subList(0, Math.min(STEPS, all.size())));
        if (all.size() > STEPS) {
            double rest = all.subList(STEPS, all.size()).stream()
                    .mapToDouble(Step::phi)
                    .sum();
            steps.add(new Step("Other features (" + (all.size() - STEPS) + ")", "", rest));
        }
        List<String> reasons = new ArrayList<>();
        output.path("reasons")
                .path("reasons")
                .forEach(reason -> reasons.add(reason.path("text").asString("")));
        Map<String, String> methods = new java.util.LinkedHashMap<>();
        methods.put("contributions", SHAP_METHOD);
        methods.put(
                "reasons", output.path("reasons").path("reason_method_version").asString("not recorded"));
        methods.put(
                "probability view",
                explanation.path("probability_view").path("method").asString("not recorded"));
        return new ApplicantReport(
                runId,
                applicant.rowId(),
                output.path("prediction").asDouble(),
                threshold,
                applicant.label() < 0 ? null : applicant.label() == 1,
                reasons.stream()
                        .filter(Objects::nonNull)
                        .filter(text -> !text.isBlank())
                        .toList(),
                explanation.path("expected_value").asDouble(),
                explanation.path("raw_score").asDouble(),
                steps,
                modelVersion,
                methods);
    }
}

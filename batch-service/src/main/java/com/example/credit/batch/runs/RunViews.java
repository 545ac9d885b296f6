package com.example.credit.batch.runs;

import com.example.credit.core.schema.FeatureCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runs API's answers, shaped from a run's index: the run list's entries, the summary, pages of applicants, one
 * applicant, a random pick, a dependence sample and a beeswarm. The dashboard's controller and the export
 * ({@link RunExport}) both answer through this class, so the page draws the same JSON from the service and from an
 * exported file.
 */
public final class RunViews {

    private final FeatureCatalog catalog;

    public RunViews(FeatureCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * One entry of the run list.
     *
     * @param indexed whether the run has an index yet
     * @param labelled whether it is served with labels
     * @param protectedAttributes whether it is served with protected attributes
     */
    public static Map<String, Object> listEntry(
            String id, boolean indexed, boolean labelled, boolean protectedAttributes) {
        // An ordered map: the same entry is the same JSON, byte for byte, in an export.
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("indexed", indexed);
        entry.put("labelled", labelled);
        entry.put("protected", protectedAttributes);
        return entry;
    }

    /** The summary as the index step wrote it, with the run's id and without server-side file names. */
    public ObjectNode summary(RunIndex run, String id) {
        ObjectNode summary = (ObjectNode) run.summary().deepCopy();
        summary.remove("files");
        summary.put("id", id);
        return summary;
    }

    /**
     * A page of applicants.
     *
     * @param filter filter terms ({@link ApplicantFilter#parse})
     * @param sort {@code score_desc}, {@code score_asc} or {@code row_id}
     * @throws BadQueryException for a bad filter, sort, page or size
     */
    public RunIndex.Page applicants(RunIndex run, String filter, String sort, int page, int size) {
        return run.applicants(ApplicantFilter.parse(filter, catalog), RunIndex.Sort.parse(sort), page, size);
    }

    /**
     * A random applicant among those the filter keeps, drawn with the seed, as {@code {"row_id": ...}}.
     *
     * @throws UnknownApplicantException when no applicant passes the filter
     */
    public Map<String, String> random(RunIndex run, String id, String filter, long seed) {
        String rowId = run.random(ApplicantFilter.parse(filter, catalog), seed)
                .orElseThrow(() -> new UnknownApplicantException(
                        "no applicant of run " + id + " passes the filter '" + filter + "'"));
        return Map.of("row_id", rowId);
    }

    /**
     * One applicant: the row id, the label (null when unknown), the data as sent (the line without
     * {@code SageMakerOutput}), the prediction, the explanation, the reasons, and the model-space features when the
     * line has them.
     *
     * @throws UnknownApplicantException when the run has no such row id
     */
    public ObjectNode applicant(RunIndex run, String rowId) {
        RunIndex.Applicant applicant = run.applicant(rowId);
        JsonNode record = applicant.record();
        ObjectNode answer = JsonMapper.shared().createObjectNode();
        answer.put("row_id", rowId);
        answer.put("label", applicant.label() < 0 ? null : applicant.label() == 1);
        ObjectNode data = answer.putObject("data");
        record.properties().forEach(entry -> {
            if (!entry.getKey().equals("SageMakerOutput")) {
                data.set(entry.getKey(), entry.getValue());
            }
        });
        JsonNode output = record.path("SageMakerOutput");
        answer.set("prediction", output.path("prediction"));
        answer.set("explanation", output.path("explanation_shap_values"));
        answer.set("reasons", output.path("reasons"));
        if (output.has("features")) {
            answer.set("features", output.get("features"));
        }
        return answer;
    }

    /** A dependence sample ({@link RunIndex#dependence}). */
    public RunIndex.Dependence dependence(RunIndex run, String feature, int points) {
        return run.dependence(feature, points);
    }

    /** A beeswarm of the top features ({@link RunIndex#beeswarm}). */
    public Beeswarm beeswarm(RunIndex run, int features, int points) {
        return run.beeswarm(features, points);
    }
}

package com.example.credit.batch.web;

import com.example.credit.batch.runs.Beeswarm;
import com.example.credit.batch.runs.RunExport;
import com.example.credit.batch.runs.RunIndex;
import com.example.credit.batch.runs.RunViews;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The runs API: the list of runs, a run's summary, a dependence sample, a beeswarm sample, pages of applicants under
 * a filter, one applicant, a seeded random pick, and the run's export (the page with a snapshot of these answers).
 * The answers are shaped by {@link RunViews}, as in the export. Every answer is bounded: a page holds at most
 * {@value RunIndex#MAX_PAGE_SIZE} applicants, a dependence sample at most {@value RunIndex#MAX_POINTS} points, a
 * beeswarm at most {@value RunIndex#MAX_BEESWARM_POINTS} applicants of at most
 * {@value RunIndex#MAX_BEESWARM_FEATURES} features.
 */
@RestController
@RequestMapping("/api/runs")
public class RunsController {

    private final RunCatalog runs;
    private final RunViews views;

    public RunsController(RunCatalog runs) {
        this.runs = runs;
        this.views = new RunViews(runs.catalog());
    }

    /** The configured runs: id, whether they are indexed yet, labelled, and served with protected attributes. */
    @GetMapping
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (DashboardProperties.Run run : runs.runs()) {
            list.add(RunViews.listEntry(
                    run.id(), runs.indexed(run), run.labels() != null, run.protectedAttributes() != null));
        }
        return list;
    }

    /** Counts, AUC and ROC, score histograms, the global importance, the sketches. */
    @GetMapping("/{id}/summary")
    public JsonNode summary(@PathVariable String id) {
        return views.summary(runs.run(id), id);
    }

    /** A seeded, score-stratified sample of the feature's values and SHAP values, coloured by another feature. */
    @GetMapping("/{id}/dependence")
    public RunIndex.Dependence dependence(
            @PathVariable String id, @RequestParam String feature, @RequestParam(defaultValue = "1000") int points) {
        return views.dependence(runs.run(id), feature, points);
    }

    /**
     * A seeded, score-stratified sample of applicants with the SHAP values of the {@code features} most important
     * features and each value's position in its feature's distribution.
     */
    @GetMapping("/{id}/beeswarm")
    public Beeswarm beeswarm(
            @PathVariable String id,
            @RequestParam(defaultValue = "10") int features,
            @RequestParam(defaultValue = "1000") int points) {
        return views.beeswarm(runs.run(id), features, points);
    }

    /** A page of applicants: {@code filter} terms (see ApplicantFilter), {@code sort}, {@code page}, {@code size}. */
    @GetMapping("/{id}/applicants")
    public RunIndex.Page applicants(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String filter,
            @RequestParam(defaultValue = "score_desc") String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size) {
        return views.applicants(runs.run(id), filter, sort, page, size);
    }

    /** A random applicant among those the filter keeps, drawn with the seed (the same seed, the same pick). */
    @GetMapping("/{id}/applicants/random")
    public Map<String, String> random(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String filter,
            @RequestParam(defaultValue = "0") long seed) {
        return views.random(runs.run(id), id, filter, seed);
    }

    /** One applicant's explanation as a printable page (decision, reasons, waterfall, model and method versions). */
    @GetMapping(value = "/{id}/applicants/{rowId}/report", produces = MediaType.TEXT_HTML_VALUE)
    public String page(@PathVariable String id, @PathVariable String rowId) {
        return ApplicantReportHtml.render(report(id, rowId));
    }

    /** The same as a PDF, to download for an adverse-action file. */
    @GetMapping(value = "/{id}/applicants/{rowId}/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> pdf(@PathVariable String id, @PathVariable String rowId) {
        // The report first: it fails for an unknown row_id, so only a run's own (hexadecimal) ids reach the header.
        ApplicantReport report = report(id, rowId);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"credit-decision-" + report.rowId() + ".pdf\"")
                .body(ApplicantReportPdf.render(report));
    }

    private ApplicantReport report(String id, String rowId) {
        RunIndex run = runs.run(id);
        return ApplicantReport.of(
                id, run.applicant(rowId), runs.catalog(), runs.modelVersion(id), runs.declineThreshold());
    }

    /**
     * One applicant: the data as sent, the model-space features, the SHAP values with the probability view, the
     * reasons and the label.
     */
    @GetMapping("/{id}/applicants/{rowId}")
    public JsonNode applicant(@PathVariable String id, @PathVariable String rowId) {
        return views.applicant(runs.run(id), rowId);
    }

    /**
     * The run's export to download: the dashboard's page and views in one self-contained HTML file, with the
     * {@value RunExport#EXPORTED_APPLICANTS} highest-risk applicants (what {@code batch report} writes, with the
     * run's id here).
     */
    @GetMapping(value = "/{id}/export.html", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<byte[]> export(@PathVariable String id) {
        RunIndex run = runs.run(id);
        // The run's id matches the configuration's id rule (letters, digits, '.', '_', '-'): safe in the header.
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "-export.html\"")
                .body(new RunExport(runs.catalog()).html(run, id).getBytes(StandardCharsets.UTF_8));
    }
}

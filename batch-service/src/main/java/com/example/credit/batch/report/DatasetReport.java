package com.example.credit.batch.report;

import com.example.credit.batch.ReportException;
import com.example.credit.batch.runs.BiasSettings;
import com.example.credit.batch.runs.ProtectedGroups;
import com.example.credit.batch.runs.RunExport;
import com.example.credit.batch.runs.RunIndex;
import com.example.credit.batch.runs.RunIndexException;
import com.example.credit.batch.runs.RunIndexWriter;
import com.example.credit.batch.runs.RunModel;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset report of a batch run: the run indexed with its labels (the dashboard's index, unless it has a current
 * one) and exported as one self-contained HTML file ({@link RunExport}) — the dashboard's own page and views: global
 * importance, beeswarm, dependence plots, AUC and ROC, score histograms by label, calibration (Brier score and
 * reliability diagram), the {@value RunExport#EXPORTED_APPLICANTS} highest-risk applicants with their explanations
 * and, for a run indexed with its protected attributes, the fairness section. Beside a report with fairness go the
 * run's {@value #BIAS_POST} (credit-core's {@code BiasReportJson}) and SageMaker Clarify's {@value #CLARIFY_ANALYSIS}
 * (post-training metrics and global SHAP values; no pre-training section, which is training's).
 */
public final class DatasetReport {

    /** The post-training bias report's file name beside the report. */
    public static final String BIAS_POST = "bias-post.json";

    /** Clarify's analysis file name beside the report. */
    public static final String CLARIFY_ANALYSIS = "analysis.json";

    private DatasetReport() {}

    /**
     * Indexes the batch output with the labels when it has no current index (one of this build's format, made from
     * the same files and with these labels), and writes the export (atomically) to {@code html}.
     *
     * @param predictions the batch output folder ({@code .out} files of joined records)
     * @param labels the label folder ({@code label_test})
     * @param html the report file to write
     * @return the index summary's figures and the file's size
     * @throws ReportException when the inputs cannot make a report: no predicted row id has a label, or the
     *     labelled ones are of one class (the AUC is undefined)
     */
    public static ReportSummary write(Path predictions, Path labels, Path html) {
        return write(predictions, labels, null, BiasSettings.DEFAULT, null, html);
    }

    /**
     * The report with the run's fairness under the default settings ({@link BiasSettings#DEFAULT}): see {@link
     * #write(Path, Path, Path, BiasSettings, Path)}.
     */
    public static ReportSummary write(Path predictions, Path labels, Path protectedAttributes, Path html) {
        return write(predictions, labels, protectedAttributes, BiasSettings.DEFAULT, html);
    }

    /**
     * Indexes the batch output with its labels and protected attributes (always: an index cannot tell whether it was
     * made from these protected attributes), analysing its fairness with these settings, and writes the export to
     * {@code html} and, beside it, {@value #BIAS_POST} and {@value #CLARIFY_ANALYSIS} (each atomically).
     *
     * @param protectedAttributes the protected attributes folder ({@code protected_test})
     * @param biasSettings the facets, group variable and approval threshold
     * @return the index summary's figures, the file's size and the two fairness files
     * @throws ReportException as {@link #write(Path, Path, Path)}, and when no labelled applicant has the protected
     *     attributes the facets need (the note says which)
     */
    public static ReportSummary write(
            Path predictions, Path labels, Path protectedAttributes, BiasSettings biasSettings, Path html) {
        return write(predictions, labels, protectedAttributes, biasSettings, null, html);
    }

    /**
     * The report of {@link #write(Path, Path, Path)}, or with protected attributes that of {@link #write(Path, Path,
     * Path, BiasSettings, Path)}, and with the model that explained the run its global explanations too (the mean
     * SHAP value by value beside the model's partial dependence, {@link RunModel}).
     *
     * @param protectedAttributes the protected attributes folder ({@code protected_test}), or null for none
     * @param model the model folder (with {@code model.txt}), or null for none
     * @throws ReportException as the others; {@link com.example.credit.batch.runs.RunIndexException} when the model
     *     cannot be read or is not the schema's
     */
    public static ReportSummary write(
            Path predictions, Path labels, Path protectedAttributes, BiasSettings biasSettings, Path model, Path html) {
        FeatureCatalog catalog = FeatureCatalog.standard();
        Map<String, Boolean> labelled = LabelReader.read(labels, JsonMapper.shared());
        RunModel runModel = model == null ? null : RunModel.read(model);
        if (protectedAttributes == null) {
            if (!hasCurrentIndex(predictions, labelled, catalog)
                    || (runModel != null && !RunIndex.open(predictions, catalog).hasGlobalExplanationsOf(runModel))) {
                new RunIndexWriter(catalog, runModel).write(predictions, labelled);
            }
            return export(predictions, html, catalog);
        }
        new RunIndexWriter(catalog, runModel)
                .write(predictions, labelled, ProtectedGroups.read(protectedAttributes), biasSettings);
        RunIndex run = RunIndex.open(predictions, catalog);
        if (!run.hasFairness() && run.summary().path("labelled").asLong() > 0) {
            throw new ReportException("no fairness from protected attributes " + protectedAttributes + ": "
                    + run.summary().path("fairness_note").asString()
                    + "; are they those of the same split (protected_test)?");
        }
        return export(predictions, html, catalog);
    }

    /** Writes the export of the run's index and, when the index holds fairness, its two files beside it. */
    private static ReportSummary export(Path predictions, Path html, FeatureCatalog catalog) {
        RunIndex run = RunIndex.open(predictions, catalog);
        JsonNode summary = run.summary();
        requireAuc(summary);
        byte[] page = new RunExport(catalog).html(run, runId(predictions)).getBytes(StandardCharsets.UTF_8);
        Path folder = html.toAbsolutePath().getParent();
        writeAtomically(html, page);
        Optional<Path> biasPost = Optional.empty();
        Optional<Path> analysis = Optional.empty();
        if (run.hasFairness()) {
            biasPost = Optional.of(folder.resolve(BIAS_POST));
            writeAtomically(biasPost.get(), run.biasPostJson().orElseThrow().getBytes(StandardCharsets.UTF_8));
            analysis = Optional.of(folder.resolve(CLARIFY_ANALYSIS));
            writeAtomically(
                    analysis.get(), run.clarifyAnalysisJson().orElseThrow().getBytes(StandardCharsets.UTF_8));
        }
        return new ReportSummary(
                html,
                summary.path("records").asLong(),
                summary.path("labelled").asLong(),
                summary.path("error_lines").asLong(),
                summary.path("auc").asDouble(),
                page.length,
                biasPost,
                analysis);
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = parent.resolve("." + file.getFileName() + ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ReportException("cannot write the report's " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report is about the predictions against their labels: it needs both classes among the labelled rows. */
    private static void requireAuc(JsonNode summary) {
        long records = summary.path("records").asLong();
        long labelled = summary.path("labelled").asLong();
        if (labelled == 0) {
            throw new ReportException("none of the " + records + " predicted row ids has a label; are the labels"
                    + " those of the same split (label_test)?");
        }
        if (!summary.path("auc").isNumber()) {
            long defaulted = summary.path("score_histogram")
                    .path("default")
                    .valueStream()
                    .mapToLong(JsonNode::asLong)
                    .sum();
            throw new ReportException("AUC needs both defaulted and repaid credits among the " + labelled
                    + " labelled records, found only " + (defaulted > 0 ? "defaulted" : "repaid") + " ones");
        }
    }

    /**
     * Whether the run's index can be exported as it is: of this build's format, made from the batch output's
     * current files (the same paths and sizes) and with these labels.
     */
    static boolean hasCurrentIndex(Path predictions, Map<String, Boolean> labels, FeatureCatalog catalog) {
        if (!RunIndex.exists(predictions)) {
            return false;
        }
        RunIndex run;
        try {
            run = RunIndex.open(predictions, catalog);
        } catch (RunIndexException e) {
            return false; // another format or other features: index again
        }
        JsonNode summary = run.summary();
        if (summary.path("format_version").asInt() != RunIndexWriter.FORMAT_VERSION) {
            return false;
        }
        Map<String, Long> indexed = new HashMap<>();
        summary.path("files")
                .forEach(file -> indexed.put(
                        file.path("path").asString(), file.path("bytes").asLong()));
        return indexed.equals(outFiles(predictions)) && run.labelledAs(labels);
    }

    /** The {@code .out} files below the folder (not hidden ones) by relative path, with their sizes. */
    private static Map<String, Long> outFiles(Path folder) {
        Map<String, Long> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".out"))
                    .filter(path -> !folder.relativize(path).toString().startsWith("."))
                    .toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'), Files.size(file));
            }
        } catch (IOException e) {
            throw new ReportException("cannot list batch output " + folder + ": " + e.getMessage(), e);
        }
        return files;
    }

    /**
     * The run's id in the export: the output folder's name in the dashboard's id alphabet (letters, digits, '.',
     * '_', '-'; at most 64, starting with a letter or digit), or {@code run}.
     */
    static String runId(Path predictions) {
        Path name = predictions.toAbsolutePath().normalize().getFileName();
        String id = name == null ? "" : name.toString().replaceAll("[^A-Za-z0-9._-]", "-");
        id = id.substring(0, Math.min(64, id.length()));
        return id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0)) ? "run" : id;
    }
}

package com.example.credit.batch.report;

import com.example.credit.batch.ReportException;
import com.example.credit.core.metrics.BinaryMetrics;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the dataset report of a batch run: global importance (mean |SHAP|), a beeswarm summary, a dependence
 * plot per feature, AUC and ROC against the labels, the distribution of predictions by label, calibration (Brier
 * score and a reliability diagram), and a per-record
 * drill-down, in one self-contained HTML file.
 */
public final class DatasetReport {

    /** Records drawn into the beeswarm and dependence plots at most (a seeded sample keeps the page small). */
    public static final int MAX_SAMPLE = 2000;

    /** Records offered in the drill-down at most. */
    public static final int MAX_DRILLDOWN = 300;

    /** The sample's seed: the same batch output gives the same page. */
    static final long SAMPLE_SEED = 20_260_101L;

    private static final int HISTOGRAM_BINS = 20;
    private static final int CALIBRATION_BINS = 10;
    private static final int MAX_ROC_POINTS = 400;

    private final FeatureCatalog catalog;
    private final JsonMapper mapper;

    public DatasetReport(FeatureCatalog catalog, JsonMapper mapper) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Reads a batch output folder and a label folder and writes the report (atomically) to {@code html}.
     *
     * @param predictions the batch output ({@code .out} files of joined records)
     * @param labels the label folder ({@code label_test})
     * @param html the report file to write
     * @throws ReportException when the inputs cannot make a report
     */
    public static ReportSummary write(Path predictions, Path labels, Path html) {
        JsonMapper mapper = JsonMapper.shared();
        DatasetReport report = new DatasetReport(FeatureCatalog.standard(), mapper);
        ReportModel model = report.build(
                new BatchOutputReader(FeatureCatalog.standard(), mapper).read(predictions),
                LabelReader.read(labels, mapper));
        String page = new HtmlReport(mapper).render(model);
        try {
            Path parent = html.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = parent.resolve("." + html.getFileName() + ".tmp");
            Files.writeString(temp, page, StandardCharsets.UTF_8);
            Files.move(temp, html, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ReportException("cannot write the report " + html + ": " + e.getMessage(), e);
        }
        ReportModel.Summary summary = model.summary();
        return new ReportSummary(
                html,
                summary.records(),
                summary.labelled(),
                summary.errorLines(),
                summary.auc(),
                page.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * The report's data.
     *
     * @throws ReportException when no record has a label, or the labelled records hold one class only
     */
    public ReportModel build(BatchOutput output, Map<String, Boolean> labels) {
        List<ScoredRecord> records = output.records();
        List<Feature> features = catalog.features();
        double[] scores = new double[records.size()];
        List<Double> labelledScores = new ArrayList<>();
        List<Boolean> labelledOutcomes = new ArrayList<>();
        double[] meanAbs = new double[features.size()];
        double predictionSum = 0;
        for (int r = 0; r < records.size(); r++) {
            ScoredRecord record = records.get(r);
            scores[r] = record.prediction();
            predictionSum += record.prediction();
            for (int f = 0; f < features.size(); f++) {
                meanAbs[f] += Math.abs(record.shapValues().get(f)) / records.size();
            }
            Boolean label = labels.get(record.rowId());
            if (label != null) {
                labelledScores.add(record.prediction());
                labelledOutcomes.add(label);
            }
        }
        if (labelledScores.isEmpty()) {
            throw new ReportException("none of the " + records.size() + " predicted row ids has a label; are the"
                    + " labels those of the same split (label_test)?");
        }
        double[] aucScores =
                labelledScores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] aucLabels = new boolean[labelledOutcomes.size()];
        long defaulted = 0;
        for (int i = 0; i < aucLabels.length; i++) {
            aucLabels[i] = labelledOutcomes.get(i);
            defaulted += aucLabels[i] ? 1 : 0;
        }
        if (defaulted == 0 || defaulted == aucLabels.length) {
            throw new ReportException("AUC needs both defaulted and repaid credits among the " + aucLabels.length
                    + " labelled records, found only " + (defaulted > 0 ? "defaulted" : "repaid") + " ones");
        }
        double auc = BinaryMetrics.auc(aucScores, aucLabels);
        List<ScoredRecord> sample = sample(records, MAX_SAMPLE);
        List<ScoredRecord> drill = new ArrayList<>(sample.subList(0, Math.min(MAX_DRILLDOWN, sample.size())));
        drill.sort(
                Comparator.comparingDouble(ScoredRecord::prediction).reversed().thenComparing(ScoredRecord::rowId));
        ReportModel.Summary summary = new ReportModel.Summary(
                records.size(),
                aucLabels.length,
                output.errorLines(),
                output.files(),
                auc,
                defaulted,
                aucLabels.length - defaulted,
                predictionSum / records.size(),
                records.get(0).baseline(),
                sample.size(),
                drill.size());
        return new ReportModel(
                ReportModel.FORMAT_VERSION,
                "Credit default model: batch explanations",
                summary,
                featureSummaries(meanAbs),
                sampleColumns(sample),
                roc(aucScores, aucLabels),
                histogram(records, labels),
                ReportModel.Calibration.of(
                        BinaryMetrics.brier(aucScores, aucLabels),
                        BinaryMetrics.reliability(aucScores, aucLabels, CALIBRATION_BINS)),
                drill.stream().map(record -> drillRecord(record, labels)).toList());
    }

    /** A seeded sample without replacement, kept in input order. */
    static List<ScoredRecord> sample(List<ScoredRecord> records, int size) {
        if (records.size() <= size) {
            return records;
        }
        int[] indexes = new int[records.size()];
        Arrays.setAll(indexes, i -> i);
        SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(indexes.length - i);
            int swap = indexes[i];
            indexes[i] = indexes[j];
            indexes[j] = swap;
        }
        int[] chosen = Arrays.copyOf(indexes, size);
        Arrays.sort(chosen);
        return Arrays.stream(chosen).mapToObj(records::get).toList();
    }

    private List<ReportModel.FeatureSummary> featureSummaries(double[] meanAbs) {
        List<ReportModel.FeatureSummary> summaries = new ArrayList<>();
        for (Feature feature : catalog.features()) {
            summaries.add(new ReportModel.FeatureSummary(
                    feature.name(),
                    feature.index(),
                    feature.title(),
                    feature.description(),
                    feature.isCategorical(),
                    feature.categories(),
                    round(meanAbs[feature.index()])));
        }
        summaries.sort(Comparator.comparingDouble(ReportModel.FeatureSummary::meanAbsShap)
                .reversed()
                .thenComparing(ReportModel.FeatureSummary::index));
        return summaries;
    }

    private ReportModel.Sample sampleColumns(List<ScoredRecord> sample) {
        List<List<Double>> shap = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        for (int f = 0; f < catalog.size(); f++) {
            List<Double> shapColumn = new ArrayList<>();
            List<Object> valueColumn = new ArrayList<>();
            for (ScoredRecord record : sample) {
                shapColumn.add(round(record.shapValues().get(f)));
                valueColumn.add(record.values().get(f));
            }
            shap.add(shapColumn);
            values.add(valueColumn);
        }
        return new ReportModel.Sample(
                sample.stream().map(record -> round(record.prediction())).toList(), shap, values);
    }

    private static List<double[]> roc(double[] scores, boolean[] labels) {
        List<BinaryMetrics.RocPoint> points = BinaryMetrics.roc(scores, labels);
        // Thin a long curve evenly; the first and last points always stay.
        int step = Math.max(1, (int) Math.ceil(points.size() / (double) MAX_ROC_POINTS));
        List<double[]> curve = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (i % step == 0 || i == points.size() - 1) {
                BinaryMetrics.RocPoint point = points.get(i);
                curve.add(new double[] {round(point.falsePositiveRate()), round(point.truePositiveRate())});
            }
        }
        return curve;
    }

    private static ReportModel.Histogram histogram(List<ScoredRecord> records, Map<String, Boolean> labels) {
        long[] defaulted = new long[HISTOGRAM_BINS];
        long[] repaid = new long[HISTOGRAM_BINS];
        long[] unlabelled = new long[HISTOGRAM_BINS];
        for (ScoredRecord record : records) {
            int bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, (int) (record.prediction() * HISTOGRAM_BINS)));
            Boolean label = labels.get(record.rowId());
            if (label == null) {
                unlabelled[bin]++;
            } else if (label) {
                defaulted[bin]++;
            } else {
                repaid[bin]++;
            }
        }
        List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= HISTOGRAM_BINS; i++) {
            edges.add(round((double) i / HISTOGRAM_BINS));
        }
        return new ReportModel.Histogram(edges, boxed(defaulted), boxed(repaid), boxed(unlabelled));
    }

    private static ReportModel.DrillRecord drillRecord(ScoredRecord record, Map<String, Boolean> labels) {
        return new ReportModel.DrillRecord(
                record.rowId(),
                round(record.prediction()),
                labels.get(record.rowId()),
                round(record.baseline()),
                record.contributions().stream().map(DatasetReport::round).toList(),
                record.values(),
                record.reasons());
    }

    private static List<Long> boxed(long[] counts) {
        return Arrays.stream(counts).boxed().toList();
    }

    /** Six decimals are plenty for a chart and keep the page small. */
    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}

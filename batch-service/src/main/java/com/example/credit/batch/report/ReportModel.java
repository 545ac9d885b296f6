package com.example.credit.batch.report;

import com.example.credit.core.metrics.ReliabilityBin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything the report page shows, computed in Java and embedded in the page as JSON; the page only draws it.
 *
 * @param formatVersion the version of this model's JSON shape
 * @param title the page title
 * @param summary the headline numbers
 * @param features the features by global importance, most important first
 * @param sample the records behind the beeswarm and dependence plots (at most {@link DatasetReport#MAX_SAMPLE})
 * @param roc the ROC curve's points (false positive rate, true positive rate)
 * @param histogram the distribution of predictions by label
 * @param calibration the Brier score and the reliability table of the labelled predictions
 * @param records the records of the drill-down (at most {@link DatasetReport#MAX_DRILLDOWN})
 */
public record ReportModel(
        int formatVersion,
        String title,
        Summary summary,
        List<FeatureSummary> features,
        Sample sample,
        List<double[]> roc,
        Histogram histogram,
        Calibration calibration,
        List<DrillRecord> records) {

    /** The version of the JSON shape the page script reads. */
    public static final int FORMAT_VERSION = 1;

    public ReportModel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        features = List.copyOf(features);
        Objects.requireNonNull(sample, "sample");
        roc = List.copyOf(roc);
        Objects.requireNonNull(histogram, "histogram");
        Objects.requireNonNull(calibration, "calibration");
        records = List.copyOf(records);
    }

    /**
     * How well the predicted probabilities match the observed default rates of the labelled records.
     *
     * @param brier the Brier score (mean squared difference between probability and outcome; 0 is perfect)
     * @param bins the reliability table, 10 equal-width bins of the prediction
     */
    public record Calibration(double brier, List<CalibrationBin> bins) {

        public Calibration {
            bins = List.copyOf(bins);
        }

        /** From credit-core's reliability table; empty bins get null means in the page's JSON. */
        static Calibration of(double brier, List<ReliabilityBin> table) {
            return new Calibration(
                    brier,
                    table.stream()
                            .map(bin -> new CalibrationBin(
                                    bin.lower(),
                                    bin.upper(),
                                    bin.count(),
                                    bin.count() == 0 ? null : bin.meanPredicted(),
                                    bin.count() == 0 ? null : bin.observedRate()))
                            .toList());
        }
    }

    /**
     * One bin of the reliability table.
     *
     * @param lower the bin's lower edge (predicted probability)
     * @param upper its upper edge
     * @param count labelled records in it
     * @param meanPredicted their mean predicted probability, null when empty
     * @param observedRate the share of them that defaulted, null when empty
     */
    public record CalibrationBin(double lower, double upper, long count, Double meanPredicted, Double observedRate) {}

    /**
     * The headline numbers.
     *
     * @param records explained records read
     * @param labelled of those, the ones with a label
     * @param errorLines error lines in the batch output (left out)
     * @param files output files read
     * @param auc the AUC of the predictions against the labels
     * @param defaulted labelled records that defaulted
     * @param repaid labelled records that were repaid
     * @param meanPrediction the mean predicted probability
     * @param baseline the probability at the SHAP base value
     * @param sampleSize records in the beeswarm and dependence plots
     * @param drilldownSize records in the drill-down
     */
    public record Summary(
            long records,
            long labelled,
            long errorLines,
            int files,
            double auc,
            long defaulted,
            long repaid,
            double meanPrediction,
            double baseline,
            int sampleSize,
            int drilldownSize) {}

    /**
     * One feature's global importance.
     *
     * @param name the feature name
     * @param index its position in the sample's columns (catalogue order)
     * @param title its title from the schema
     * @param description its description from the schema
     * @param categorical whether it is categorical
     * @param categories its categories in code order (empty for numeric features)
     * @param meanAbsShap the mean |SHAP value| over all records (log-odds)
     */
    public record FeatureSummary(
            String name,
            int index,
            String title,
            String description,
            boolean categorical,
            List<String> categories,
            double meanAbsShap) {
        public FeatureSummary {
            categories = List.copyOf(categories);
        }
    }

    /**
     * Sampled records, by column: {@code shap.get(f).get(r)} is record r's SHAP value of feature f.
     *
     * @param predictions the predicted probabilities
     * @param shap SHAP values (log-odds) per feature, catalogue order
     * @param values feature values per feature (numbers or category strings, null when absent)
     */
    public record Sample(List<Double> predictions, List<List<Double>> shap, List<List<Object>> values) {
        public Sample {
            predictions = List.copyOf(predictions);
            shap = shap.stream().map(List::copyOf).toList();
            values = values.stream()
                    .map(column -> Collections.unmodifiableList(new ArrayList<>(column)))
                    .toList();
        }
    }

    /**
     * Counts of predictions in equal-width bins of [0, 1].
     *
     * @param edges the bin edges (one more than bins)
     * @param defaulted counts of labelled defaults
     * @param repaid counts of labelled repayments
     * @param unlabelled counts of records without a label
     */
    public record Histogram(List<Double> edges, List<Long> defaulted, List<Long> repaid, List<Long> unlabelled) {
        public Histogram {
            edges = List.copyOf(edges);
            defaulted = List.copyOf(defaulted);
            repaid = List.copyOf(repaid);
            unlabelled = List.copyOf(unlabelled);
        }
    }

    /**
     * One record of the drill-down.
     *
     * @param rowId its row id
     * @param prediction its predicted probability
     * @param label its label, or null
     * @param baseline the waterfall's start (probability at the base value)
     * @param contributions its probability contributions, catalogue order
     * @param values its feature values, catalogue order
     * @param reasons its reason sentences
     */
    public record DrillRecord(
            String rowId,
            double prediction,
            Boolean label,
            double baseline,
            List<Double> contributions,
            List<Object> values,
            List<String> reasons) {
        public DrillRecord {
            contributions = List.copyOf(contributions);
            values = Collections.unmodifiableList(new ArrayList<>(values));
            reasons = List.copyOf(reasons);
        }
    }
}

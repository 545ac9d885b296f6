package com.example.credit.explainer.explain;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Picks the reason codes of an explanation: the (at most) k features with the largest positive SHAP values,
 * ties broken by feature index so that the same explanation always gives the same reasons, each with a
 * sentence built from the schema's title and description and the application's value.
 *
 * <p>The selection rule and the wording are versioned together as {@link #METHOD_VERSION}: change either and
 * the version must change, because notices sent to applicants must be reproducible.
 */
public final class ReasonCodes {

    /** The version of the selection rule and wording, returned with every set of reasons. */
    public static final String METHOD_VERSION = "top-k-positive-shap/1";

    private final FeatureCatalog catalog;
    private final FeatureEncoder encoder;
    private final int count;
    // Per feature, its categories as a sentence shows them (display), made once: null for a numerical feature.
    private final List<List<String>> shownCategories;

    public ReasonCodes(FeatureEncoder encoder, int count) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.catalog = encoder.catalog();
        if (count < 1) {
            throw new IllegalArgumentException("reason count " + count + " must be 1 or more");
        }
        this.count = count;
        List<List<String>> shown = new ArrayList<>();
        for (Feature feature : catalog.features()) {
            shown.add(
                    feature.isCategorical()
                            ? feature.categories().stream()
                                    .map(category -> display(feature, category))
                                    .toList()
                            : null);
        }
        this.shownCategories = shown;
    }

    /** How many reasons an explanation gets at most. */
    public int count() {
        return count;
    }

    /**
     * The reasons of an explanation, strongest first.
     *
     * @param row the encoded row that was explained (to report each feature's value)
     * @param explanation its SHAP values
     * @param view the same values on the probability scale
     */
    public List<Reason> reasons(double[] row, RowExplanation explanation, ProbabilityView view) {
        List<Reason> reasons = new ArrayList<>(Math.min(count, explanation.numFeatures()));
        // The k largest positive SHAP values, largest first and equal ones by feature index: k scans of the values
        // (k and the features are few), each taking the largest not taken yet, the first of equal ones.
        boolean[] taken = new boolean[explanation.numFeatures()];
        while (reasons.size() < count) {
            int index = -1;
            for (int i = 0; i < taken.length; i++) {
                double value = explanation.shapValue(i);
                if (value > 0 && !taken[i] && (index < 0 || value > explanation.shapValue(index))) {
                    index = i;
                }
            }
            if (index < 0) {
                break;
            }
            taken[index] = true;
            Feature feature = catalog.features().get(index);
            Object value = encoder.decode(index, row[index]);
            double contribution = view.contribution(index);
            reasons.add(new Reason(
                    reasons.size() + 1,
                    feature.name(),
                    feature.title(),
                    value,
                    explanation.shapValue(index),
                    contribution,
                    sentence(feature, shown(feature, value, row[index]), contribution)));
        }
        return List.copyOf(reasons);
    }

    /**
     * The sentence of one reason, for example "Credit duration is 48: this raises the estimated probability of
     * default by 6.1 percentage points. How long the credit runs, in months."
     */
    static String sentence(Feature feature, String shownValue, double probabilityContribution) {
        double points = probabilityContribution * 100;
        String amount = points < 0.05
                ? "by less than 0.1 percentage points"
                : "by " + oneDecimal(points) + " percentage points";
        return feature.title() + " is " + shownValue + ": this raises the estimated probability of " + "default "
                + amount + ". " + feature.meaning();
    }

    /** {@link #display} of a decoded value, a category's from the table made once. */
    private String shown(Feature feature, Object value, double code) {
        return value != null && feature.isCategorical()
                ? shownCategories.get(feature.index()).get((int) code)
                : display(feature, value);
    }

    /**
     * {@code String.format(Locale.ROOT, "%.1f", value)} for a finite value of at least 0.05, without the formatter:
     * {@link java.util.Formatter} rounds the digits {@link Double#toString} gives half-up to the precision, which is
     * what this does with a {@link BigDecimal} of those digits (at a fraction of the cost: the formatter looked up the
     * locale's symbols on every call). {@code ReasonCodesTests} checks the two agree on a million values.
     *
     * <p>Away from a tie the digits and the double round alike: for a value below a million, ten times it is within
     * 1e-8 of ten times its digits, so when it lies more than 1e-6 from the middle between two tenths, the nearest
     * tenth is taken with integer arithmetic, with neither {@code Double.toString} (Java 17's is slow) nor a
     * {@link BigDecimal}; only values within 1e-6 of a tie (0.15, 8.45, 0.05) are rounded from their digits.
     */
    static String oneDecimal(double value) {
        if (value >= 0 && value < 1e6) {
            double tenths = value * 10;
            double floor = Math.floor(tenths);
            double fraction = tenths - floor;
            if (Math.abs(fraction - 0.5) > 1e-6) {
                long rounded = (long) floor + (fraction > 0.5 ? 1 : 0);
                return (rounded / 10) + "." + (rounded % 10);
            }
        }
        return new BigDecimal(Double.toString(value))
                .setScale(1, RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** A value as a reader would say it: categories without underscores, 0/1 flags as no/yes. */
    static String display(Feature feature, Object value) {
        if (value == null) {
            return "not given";
        }
        if (feature.isCategorical()) {
            return value.toString().replace('_', ' ');
        }
        if (feature.minimum() == 0 && feature.maximum() == 1 && value instanceof Number number) {
            return number.doubleValue() == 0 ? "no" : "yes";
        }
        return value.toString();
    }
}

package com.example.credit.core.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Explanations by group: for each facet, the mean SHAP value and the mean absolute SHAP value of every feature over
 * the facet's rows and over everyone else's. A feature whose mean |φ| is much larger for one group drives that
 * group's decisions more; its mean φ says in which direction (positive: towards default).
 *
 * <p>Sums run in row order, so the result is the same bits for the same input; {@link #accumulator} gives the same
 * result without holding the rows.
 */
public final class ExplanationsByGroup {

    private ExplanationsByGroup() {}

    /**
     * The explanations of each facet.
     *
     * @param features the model's features in order
     * @param contributions per row, the SHAP values of the features in the same order: {@code features.size()}
     *     values, or {@code features.size() + 1} with the bias last as {@code TreeShap.contributions} gives them (the
     *     bias is then ignored)
     * @param protectedValues per row (the same rows, in the same order), the protected attributes by name
     * @param facets the facets, in the order of the result
     * @throws BiasException when the lists differ in length, a row has the wrong number of values or a value that is
     *     not finite, or a row lacks a facet's attribute
     */
    public static List<FacetExplanation> explain(
            List<String> features,
            List<double[]> contributions,
            List<Map<String, String>> protectedValues,
            List<Facet> facets) {
        if (contributions.size() != protectedValues.size()) {
            throw new BiasException(contributions.size() + " rows of SHAP values but " + protectedValues.size()
                    + " rows of protected attributes; need one of each per applicant");
        }
        Accumulator accumulator = accumulator(features, facets);
        for (int i = 0; i < contributions.size(); i++) {
            accumulator.add(contributions.get(i), protectedValues.get(i));
        }
        return accumulator.result();
    }

    /**
     * The same explanations, computed as the rows come: for a data set too large to hold its SHAP values in memory
     * (a batch run of millions of applicants). Adding the rows of {@link #explain} one by one, in its order, gives
     * its result bit for bit.
     *
     * @param features the model's features in order
     * @param facets the facets, in the order of the result
     */
    public static Accumulator accumulator(List<String> features, List<Facet> facets) {
        return new Accumulator(features, facets);
    }

    /** Sums of φ and |φ| per facet and group, in the order the rows are added. Not thread-safe. */
    public static final class Accumulator {
        private final List<String> features;
        private final List<Facet> facets;
        /** Per facet: [facet members, everyone else] × feature. */
        private final double[][][] sums;

        private final double[][][] absoluteSums;
        private final long[][] rows;
        private long added;

        private Accumulator(List<String> features, List<Facet> facets) {
            this.features = List.copyOf(features);
            this.facets = List.copyOf(facets);
            int width = this.features.size();
            sums = new double[this.facets.size()][2][width];
            absoluteSums = new double[this.facets.size()][2][width];
            rows = new long[this.facets.size()][2];
        }

        /**
         * Adds one row.
         *
         * @param contributions the row's SHAP values in the features' order, with or without the bias last
         * @param protectedValues the row's protected attributes by name
         * @throws BiasException when the row has the wrong number of values or a value that is not finite, or lacks a
         *     facet's attribute (the message counts rows from 0 in the order they were added)
         */
        public void add(double[] contributions, Map<String, String> protectedValues) {
            long row = added;
            int width = features.size();
            if (contributions.length != width && contributions.length != width + 1) {
                throw new BiasException("row " + row + " has " + contributions.length + " SHAP values; the model has "
                        + width + " features (give " + width + ", or " + (width + 1) + " with the bias last)");
            }
            for (int f = 0; f < width; f++) {
                if (!Double.isFinite(contributions[f])) {
                    throw new BiasException("row " + row + " has SHAP value " + contributions[f] + " for "
                            + features.get(f) + "; need a number");
                }
            }
            // Membership first, so that a row refused for one facet leaves every sum as it was.
            boolean[] member = new boolean[facets.size()];
            for (int k = 0; k < member.length; k++) {
                Facet facet = facets.get(k);
                String value = protectedValues.get(facet.attribute());
                if (value == null) {
                    throw new BiasException("row " + row + " has no value of " + facet.attribute() + ", which facet "
                            + facet.name() + " needs");
                }
                try {
                    member[k] = facet.contains(value);
                } catch (BiasException e) {
                    throw new BiasException("row " + row + ": " + e.getMessage(), e);
                }
            }
            for (int k = 0; k < member.length; k++) {
                int group = member[k] ? 0 : 1;
                rows[k][group]++;
                double[] sum = sums[k][group];
                double[] absoluteSum = absoluteSums[k][group];
                for (int f = 0; f < width; f++) {
                    sum[f] += contributions[f];
                    absoluteSum[f] += Math.abs(contributions[f]);
                }
            }
            added++;
        }

        /** The explanations of each facet over the rows added so far. */
        public List<FacetExplanation> result() {
            List<FacetExplanation> explanations = new ArrayList<>();
            for (int k = 0; k < facets.size(); k++) {
                explanations.add(new FacetExplanation(facets.get(k), means(k, 0), means(k, 1)));
            }
            return List.copyOf(explanations);
        }

        private GroupAttribution means(int facet, int group) {
            long n = rows[facet][group];
            List<FeatureAttribution> attributions = new ArrayList<>();
            if (n > 0) {
                for (int f = 0; f < features.size(); f++) {
                    attributions.add(new FeatureAttribution(
                            features.get(f), sums[facet][group][f] / n, absoluteSums[facet][group][f] / n));
                }
            }
            return new GroupAttribution(n, attributions);
        }
    }
}

package com.example.credit.core.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Explanations by group: for each facet, the mean SHAP value and the mean absolute SHAP value of every feature over
 * the facet's rows and over everyone else's. A feature whose mean |φ| is much larger for one group drives that
 * group's decisions more; its mean φ says in which direction (positive: towards default).
 *
 * <p>Sums run in row order, so the result is the same bits for the same input.
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
        int width = features.size();
        for (int i = 0; i < contributions.size(); i++) {
            double[] phi = contributions.get(i);
            if (phi.length != width && phi.length != width + 1) {
                throw new BiasException("row " + i + " has " + phi.length + " SHAP values; the model has " + width
                        + " features (give " + width + ", or " + (width + 1) + " with the bias last)");
            }
            for (int f = 0; f < width; f++) {
                if (!Double.isFinite(phi[f])) {
                    throw new BiasException(
                            "row " + i + " has SHAP value " + phi[f] + " for " + features.get(f) + "; need a number");
                }
            }
        }
        List<FacetExplanation> explanations = new ArrayList<>();
        for (Facet facet : facets) {
            boolean[] member = new boolean[contributions.size()];
            for (int i = 0; i < member.length; i++) {
                String value = protectedValues.get(i).get(facet.attribute());
                if (value == null) {
                    throw new BiasException("row " + i + " has no value of " + facet.attribute() + ", which facet "
                            + facet.name() + " needs");
                }
                try {
                    member[i] = facet.contains(value);
                } catch (BiasException e) {
                    throw new BiasException("row " + i + ": " + e.getMessage(), e);
                }
            }
            explanations.add(new FacetExplanation(
                    facet,
                    means(features, contributions, member, true),
                    means(features, contributions, member, false)));
        }
        return List.copyOf(explanations);
    }

    private static GroupAttribution means(
            List<String> features, List<double[]> contributions, boolean[] member, boolean inFacet) {
        int width = features.size();
        double[] sum = new double[width];
        double[] sumAbs = new double[width];
        long rows = 0;
        for (int i = 0; i < member.length; i++) {
            if (member[i] != inFacet) {
                continue;
            }
            rows++;
            double[] phi = contributions.get(i);
            for (int f = 0; f < width; f++) {
                sum[f] += phi[f];
                sumAbs[f] += Math.abs(phi[f]);
            }
        }
        List<FeatureAttribution> attributions = new ArrayList<>();
        if (rows > 0) {
            for (int f = 0; f < width; f++) {
                attributions.add(new FeatureAttribution(features.get(f), sum[f] / rows, sumAbs[f] / rows));
            }
        }
        return new GroupAttribution(rows, attributions);
    }
}

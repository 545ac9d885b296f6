package com.example.credit.core.bias;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes SageMaker Clarify's bias metrics ({@link BiasMetric}) for facets of the protected attributes: before
 * training on the labels, after training on the labels and the model's predicted labels. The favourable outcome is
 * "no default" ({@code credit__default=false}); the model approves an applicant when the predicted probability of
 * default is below a threshold.
 *
 * <p>Pure and deterministic: the same rows, facets and settings give the same report, whatever the order of the
 * groups of the group variable. Data that leave a metric undefined give a result without a value and a note
 * ({@link MetricResult}); input that cannot be analysed (a row without a facet's attribute, an age that is not a
 * number) throws a {@link BiasException} naming the row.
 */
public final class BiasAnalysis {

    /** The label the metrics are about. */
    public static final String LABEL = "credit__default";

    /** The label value counted as favourable: no default. */
    public static final String FAVOURABLE_LABEL_VALUE = "false";

    /**
     * Why the flip test (FT) is never computed here. Its idea (Black, Yeom, Fredrikson, "FlipTest: Fairness Testing
     * via Optimal Transport", 2020) is to ask whether an applicant's decision would change in the other group.
     * Done by swapping the facet and re-scoring, it needs the facet to be a model feature; Clarify's version pairs
     * each facet member with its nearest neighbours outside the facet, on the model's features.
     */
    public static final String FLIP_TEST_SKIPPED = "the protected attributes are not model features, so swapping an"
            + " applicant's facet value cannot change the model's score, and this analysis is not given the feature"
            + " values that Clarify's version (nearest neighbours in the other group) compares";

    private BiasAnalysis() {}

    /**
     * The pre-training metrics (CI, DPL, KL, JS, LP, TVD, KS, CDDL) of each facet, on the rows' labels.
     *
     * @param rows the training rows; their probabilities, if any, are ignored
     * @param facets the facets, each compared with everyone else, in report order
     * @param groupVariable the variable CDDL conditions on (each row then needs a {@link Row#group()}); without
     *     it CDDL is reported as not applicable
     * @throws BiasException when there is no row or no facet, a facet repeats, or a row lacks a facet's attribute or
     *     the group variable's value
     */
    public static BiasReport preTraining(List<Row> rows, List<Facet> facets, Optional<String> groupVariable) {
        return analyse(Stage.PRE_TRAINING, rows, facets, groupVariable, OptionalDouble.empty());
    }

    /**
     * The post-training metrics (DPPL, DI, DCA, DCR, RD, SD, DAR, DRR, AD, TE, CDDPL, FT) of each facet, on the rows'
     * labels and the labels the model predicts: favourable (approved) when the probability of default is below
     * {@code threshold}.
     *
     * @param rows the scored rows (test set)
     * @param facets the facets, each compared with everyone else, in report order
     * @param groupVariable the variable CDDPL conditions on; without it CDDPL is reported as not applicable
     * @param threshold the probability of default below which the model approves, in (0, 1)
     * @throws BiasException as {@link #preTraining}, and when a row has no probability or the threshold is outside
     *     (0, 1)
     */
    public static BiasReport postTraining(
            List<Row> rows, List<Facet> facets, Optional<String> groupVariable, double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new BiasException("the approval threshold " + threshold + " must lie strictly between 0 and 1");
        }
        return analyse(Stage.POST_TRAINING, rows, facets, groupVariable, OptionalDouble.of(threshold));
    }

    private static BiasReport analyse(
            Stage stage, List<Row> rows, List<Facet> facets, Optional<String> groupVariable, OptionalDouble threshold) {
        Objects.requireNonNull(groupVariable, "groupVariable");
        if (rows.isEmpty()) {
            throw new BiasException("a bias analysis needs at least one row; got none");
        }
        if (facets.isEmpty()) {
            throw new BiasException("a bias analysis needs at least one facet; got none");
        }
        Set<String> names = new HashSet<>();
        for (Facet facet : facets) {
            if (!names.add(facet.name())) {
                throw new BiasException("facet " + facet.name() + " appears twice; give each facet once");
            }
        }
        groupVariable.ifPresent(name -> {
            if (name.isBlank()) {
                throw new BiasException("the group variable's name must not be blank");
            }
        });
        boolean[] approved = threshold.isPresent() ? approvals(rows, threshold.getAsDouble()) : null;
        String[] groups = groupVariable.isPresent() ? groups(rows, groupVariable.get()) : null;

        List<FacetReport> reports = new ArrayList<>();
        for (Facet facet : facets) {
            boolean[] member = membership(rows, facet);
            FacetCounts counts = count(rows, member, approved);
            List<MetricResult> metrics = new ArrayList<>();
            for (BiasMetric metric : BiasMetric.of(stage)) {
                metrics.add(result(metric, facet, counts, rows, member, approved, groups, groupVariable));
            }
            reports.add(new FacetReport(facet, counts, metrics));
        }
        return new BiasReport(
                stage, LABEL, FAVOURABLE_LABEL_VALUE, threshold, groupVariable, rows.size(), List.copyOf(reports));
    }

    private static MetricResult result(
            BiasMetric metric,
            Facet facet,
            FacetCounts counts,
            List<Row> rows,
            boolean[] member,
            boolean[] approved,
            String[] groups,
            Optional<String> groupVariable) {
        String name = facet.name();
        if (metric == BiasMetric.FT) {
            return notApplicable(metric, FLIP_TEST_SKIPPED);
        }
        boolean conditional = metric == BiasMetric.CDDL || metric == BiasMetric.CDDPL;
        if (conditional && groupVariable.isEmpty()) {
            return notApplicable(metric, "no group variable was given to condition on");
        }
        if (metric != BiasMetric.CI && counts.facet().rows() == 0) {
            return undefined(metric, Outcome.undefined(BiasMetrics.emptyFacet(name)));
        }
        if (metric != BiasMetric.CI && counts.others().rows() == 0) {
            return undefined(metric, Outcome.undefined(BiasMetrics.emptyOthers(name)));
        }
        Outcome outcome =
                switch (metric) {
                    case CI -> BiasMetrics.classImbalance(counts, name);
                    case DPL -> BiasMetrics.differenceInLabelProportions(counts);
                    case KL -> BiasMetrics.kullbackLeibler(counts, name);
                    case JS -> BiasMetrics.jensenShannon(counts);
                    case LP -> BiasMetrics.lpNorm(counts);
                    case TVD -> BiasMetrics.totalVariationDistance(counts);
                    case KS -> BiasMetrics.kolmogorovSmirnov(counts);
                    case CDDL ->
                        BiasMetrics.conditionalDemographicDisparity(
                                subgroups(rows, member, null, groups).values(),
                                groupVariable.orElseThrow(),
                                "repayment",
                                "default");
                    case DPPL -> BiasMetrics.differenceInPredictedProportions(counts);
                    case DI -> BiasMetrics.disparateImpact(counts, name);
                    case DCA -> BiasMetrics.differenceInConditionalAcceptance(counts, name);
                    case DCR -> BiasMetrics.differenceInConditionalRejection(counts, name);
                    case RD -> BiasMetrics.recallDifference(counts, name);
                    case SD -> BiasMetrics.specificityDifference(counts, name);
                    case DAR -> BiasMetrics.differenceInAcceptanceRates(counts, name);
                    case DRR -> BiasMetrics.differenceInRejectionRates(counts, name);
                    case AD -> BiasMetrics.accuracyDifference(counts);
                    case TE -> BiasMetrics.treatmentEquality(counts, name);
                    case CDDPL ->
                        BiasMetrics.conditionalDemographicDisparity(
                                subgroups(rows, member, approved, groups).values(),
                                groupVariable.orElseThrow(),
                                "approval",
                                "rejection");
                    case FT -> throw new IllegalStateException("FT is handled above");
                };
        if (outcome.value().isEmpty()) {
            return undefined(metric, outcome);
        }
        double value = outcome.value().getAsDouble();
        String reading = Readings.of(metric, name, counts, value, groupVariable.orElse(""));
        return new MetricResult(metric, MetricResult.Status.COMPUTED, outcome.value(), reading, outcome.notes());
    }

    private static MetricResult notApplicable(BiasMetric metric, String reason) {
        return new MetricResult(
                metric,
                MetricResult.Status.NOT_APPLICABLE,
                OptionalDouble.empty(),
                "Not applicable: " + reason + ".",
                List.of(reason));
    }

    private static MetricResult undefined(BiasMetric metric, Outcome outcome) {
        return new MetricResult(
                metric,
                MetricResult.Status.UNDEFINED,
                OptionalDouble.empty(),
                Readings.notComputed(outcome.notes().get(0)),
                outcome.notes());
    }

    private static boolean[] approvals(List<Row> rows, double threshold) {
        boolean[] approved = new boolean[rows.size()];
        for (int i = 0; i < approved.length; i++) {
            OptionalDouble p = rows.get(i).probabilityOfDefault();
            if (p.isEmpty()) {
                throw new BiasException("row " + i + " has no probability of default; post-training metrics need the"
                        + " model's prediction for every row");
            }
            approved[i] = p.getAsDouble() < threshold;
        }
        return approved;
    }

    private static String[] groups(List<Row> rows, String groupVariable) {
        String[] groups = new String[rows.size()];
        for (int i = 0; i < groups.length; i++) {
            int row = i;
            groups[i] = rows.get(i)
                    .group()
                    .orElseThrow(() ->
                            new BiasException("row " + row + " has no value of the group variable " + groupVariable));
        }
        return groups;
    }

    private static boolean[] membership(List<Row> rows, Facet facet) {
        boolean[] member = new boolean[rows.size()];
        for (int i = 0; i < member.length; i++) {
            String value = rows.get(i).protectedValues().get(facet.attribute());
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
        return member;
    }

    /** The facet's and everyone else's counts; with {@code approved}, their confusion matrices too. */
    private static FacetCounts count(List<Row> rows, boolean[] member, boolean[] approved) {
        // Per group (0 = everyone else, 1 = facet): rows by observed outcome and, after training, by decision.
        long[][] cells = new long[2][4];
        for (int i = 0; i < member.length; i++) {
            boolean favourable = rows.get(i).favourable();
            boolean approve = approved != null && approved[i];
            cells[member[i] ? 1 : 0][(favourable ? 0 : 2) + (approve ? 0 : 1)]++;
        }
        return new FacetCounts(group(cells[1], approved != null), group(cells[0], approved != null));
    }

    /** {@code cell}: [repaid and approved, repaid and rejected, defaulted and approved, defaulted and rejected]. */
    private static GroupCounts group(long[] cell, boolean predicted) {
        long favourable = cell[0] + cell[1];
        long rows = favourable + cell[2] + cell[3];
        Optional<ConfusionCounts> confusion =
                predicted ? Optional.of(new ConfusionCounts(cell[0], cell[2], cell[1], cell[3])) : Optional.empty();
        return new GroupCounts(rows, favourable, confusion);
    }

    /**
     * The groups of the group variable in sorted order, counted on observed outcomes, or on the model's decisions
     * when {@code approved} is given.
     */
    private static Map<String, SubgroupCounts> subgroups(
            List<Row> rows, boolean[] member, boolean[] approved, String[] groups) {
        Map<String, long[]> tallies = new TreeMap<>();
        for (int i = 0; i < member.length; i++) {
            boolean favourable = approved == null ? rows.get(i).favourable() : approved[i];
            long[] tally = tallies.computeIfAbsent(groups[i], g -> new long[4]);
            tally[0]++;
            tally[1] += favourable ? 1 : 0;
            tally[2] += member[i] && favourable ? 1 : 0;
            tally[3] += member[i] && !favourable ? 1 : 0;
        }
        Map<String, SubgroupCounts> subgroups = new TreeMap<>();
        tallies.forEach((group, t) -> subgroups.put(group, new SubgroupCounts(t[0], t[1], t[2], t[3])));
        return subgroups;
    }
}

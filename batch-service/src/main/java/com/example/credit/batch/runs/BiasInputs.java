package com.example.credit.batch.runs;

import com.example.credit.core.bias.BiasAnalysis;
import com.example.credit.core.bias.BiasException;
import com.example.credit.core.bias.BiasReport;
import com.example.credit.core.bias.ExplanationsByGroup;
import com.example.credit.core.bias.FeatureAttribution;
import com.example.credit.core.bias.GroupAttribution;
import com.example.credit.core.bias.Row;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.RandomAccess;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a run's bias analysis needs, gathered row by row during the index step and held in memory only until the
 * summary is written: for each labelled applicant with the protected attributes the facets need (and a value of the
 * group variable), its label, its probability of default and ids of its protected values and its group; over every
 * applicant with those attributes, the sums of φ and |φ| of each facet and of everyone else
 * ({@link ExplanationsByGroup#accumulator}); over every explained applicant, the sums behind the global SHAP values.
 * Distinct protected values are held once (the ETL's ages are whole years: a few hundred combinations), so a million
 * labelled applicants take about 17 MB. Nothing of it is written but the aggregates ({@link RunFairness}).
 */
final class BiasInputs {

    private final BiasSettings settings;
    private final ProtectedGroups groups;
    private final List<String> features;
    private final Set<String> attributes;
    private final ExplanationsByGroup.Accumulator explanations;
    private final double[] sumPhi;
    private final double[] sumAbsPhi;

    private final Map<Map<String, String>, Integer> valueIds = new HashMap<>();
    private final List<Map<String, String>> values = new ArrayList<>();
    private final Map<String, Integer> groupIds = new HashMap<>();
    private final List<Optional<String>> groupValues = new ArrayList<>();

    private double[] scores = new double[1024];
    private boolean[] defaulted = new boolean[1024];
    private int[] valueOf = new int[1024];
    private int[] groupOf = new int[1024];
    private int analysed;

    private long explained;
    private long explainedWithProtected;
    private long labelled;
    private long withoutProtected;
    private long withoutGroup;

    BiasInputs(BiasSettings settings, ProtectedGroups groups, List<String> features) {
        this.settings = settings;
        this.groups = groups;
        this.features = List.copyOf(features);
        this.attributes = settings.attributes();
        this.explanations = ExplanationsByGroup.accumulator(this.features, settings.facets());
        this.sumPhi = new double[features.size()];
        this.sumAbsPhi = new double[features.size()];
        if (settings.groupVariable().isEmpty()) {
            groupValues.add(Optional.empty());
        }
    }

    /**
     * Adds one explained applicant.
     *
     * @param label whether it defaulted, or null when unlabelled
     * @param input the batch output line's input record (the group variable is one of its fields)
     * @param phi its SHAP values in the schema's order, as the line holds them
     */
    void add(long id, double score, Boolean label, JsonNode input, double[] phi) {
        explained++;
        for (int f = 0; f < phi.length; f++) {
            sumPhi[f] += phi[f];
            sumAbsPhi[f] += Math.abs(phi[f]);
        }
        if (label != null) {
            labelled++;
        }
        int slot = groups.find(id);
        Map<String, String> protectedValues = slot < 0 ? null : groups.values(slot);
        if (protectedValues == null || !protectedValues.keySet().containsAll(attributes)) {
            if (label != null) {
                withoutProtected++;
            }
            return;
        }
        try {
            explanations.add(phi, protectedValues);
        } catch (BiasException e) {
            // The values are checked numbers and known groups; the message names a row and a rule, never a value.
            throw new RunIndexException("cannot explain by group: " + e.getMessage(), e);
        }
        explainedWithProtected++;
        if (label == null) {
            return;
        }
        int group = 0;
        if (settings.groupVariable().isPresent()) {
            JsonNode value = input.get(settings.groupVariable().get());
            if (value == null || value.isNull() || value.isContainer()) {
                withoutGroup++;
                return;
            }
            group = groupIds.computeIfAbsent(value.asString(), text -> {
                groupValues.add(Optional.of(text));
                return groupValues.size() - 1;
            });
        }
        if (analysed == scores.length) {
            scores = Arrays.copyOf(scores, analysed * 2);
            defaulted = Arrays.copyOf(defaulted, analysed * 2);
            valueOf = Arrays.copyOf(valueOf, analysed * 2);
            groupOf = Arrays.copyOf(groupOf, analysed * 2);
        }
        scores[analysed] = score;
        defaulted[analysed] = label;
        valueOf[analysed] = valueIds.computeIfAbsent(protectedValues, v -> {
            values.add(v);
            return values.size() - 1;
        });
        groupOf[analysed] = group;
        analysed++;
    }

    /**
     * The run's post-training bias and explanations by group, or empty when no labelled applicant can be analysed
     * ({@link #whyNone} says why).
     *
     * @throws RunIndexException when a prediction is no probability
     */
    Optional<RunFairness> analyse() {
        if (analysed == 0) {
            return Optional.empty();
        }
        BiasReport report;
        try {
            report = BiasAnalysis.postTraining(
                    new Rows(), settings.facets(), settings.groupVariable(), settings.approvalThreshold());
        } catch (BiasException e) {
            throw new RunIndexException("cannot analyse the run's bias: " + e.getMessage(), e);
        }
        List<FeatureAttribution> global = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            global.add(new FeatureAttribution(features.get(f), sumPhi[f] / explained, sumAbsPhi[f] / explained));
        }
        return Optional.of(new RunFairness(
                settings,
                new RunFairness.Counts(
                        labelled, analysed, withoutProtected, withoutGroup, explained, explainedWithProtected),
                report,
                explanations.result(),
                new GroupAttribution(explained, global)));
    }

    /** Why {@link #analyse} has nothing to analyse. */
    String whyNone() {
        if (labelled == 0) {
            return "the run was indexed without labels: the bias metrics compare the model's decisions with the"
                    + " observed outcomes";
        }
        return "none of the " + labelled + " labelled applicants has the protected attributes the facets need ("
                + String.join(", ", attributes.stream().sorted().toList()) + ")"
                + settings.groupVariable()
                        .map(name -> " and a value of the group variable " + name)
                        .orElse("");
    }

    /** The analysed applicants as rows of the bias analysis, made when read. */
    private final class Rows extends AbstractList<Row> implements RandomAccess {
        @Override
        public Row get(int index) {
            return new Row(
                    defaulted[index],
                    OptionalDouble.of(scores[index]),
                    values.get(valueOf[index]),
                    groupValues.get(groupOf[index]));
        }

        @Override
        public int size() {
            return analysed;
        }
    }
}

package com.example.credit.core.bias;

import static com.example.credit.core.bias.Tables.FEMALE;
import static com.example.credit.core.bias.Tables.PURPOSE;
import static com.example.credit.core.bias.Tables.THRESHOLD;
import static com.example.credit.core.bias.Tables.concat;
import static com.example.credit.core.bias.Tables.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For arbitrary confusion matrices of the two groups: every value lies in its metric's range, equals an independent
 * computation from the rows (counted here with filters, the formulas written out from Clarify's pages), and the
 * identities between the metrics hold.
 */
class BiasPropertyTests {

    private static final double TOLERANCE = 1e-12;

    /** A table: the confusion matrix of female (facet d) and of male (everyone else), each group non-empty. */
    record Table(int[] female, int[] male) {

        List<Row> rows() {
            return concat(
                    scored("female", female[0], female[1], female[2], female[3]),
                    scored("male", male[0], male[1], male[2], male[3]));
        }
    }

    @Provide
    Arbitrary<Table> tables() {
        Arbitrary<int[]> group = Arbitraries.integers()
                .between(0, 12)
                .array(int[].class)
                .ofSize(4)
                .filter(cells -> cells[0] + cells[1] + cells[2] + cells[3] > 0);
        return Combinators.combine(group, group).as(Table::new);
    }

    @Property(tries = 400, seed = "20260117", edgeCases = EdgeCasesMode.MIXIN)
    void everyComputedValueIsFiniteAndInsideItsRange(@ForAll("tables") Table table) {
        for (BiasReport report : List.of(
                BiasAnalysis.preTraining(table.rows(), List.of(FEMALE), Optional.empty()),
                BiasAnalysis.postTraining(table.rows(), List.of(FEMALE), Optional.empty(), THRESHOLD))) {
            for (MetricResult result : report.facets().get(0).metrics()) {
                result.value().ifPresent(value -> assertThat(result.range().contains(value))
                        .as(
                                "%s = %s in %s",
                                result.name(), value, result.range().notation())
                        .isTrue());
            }
        }
    }

    @Property(tries = 400, seed = "20260118", edgeCases = EdgeCasesMode.MIXIN)
    void preTrainingValuesEqualAnIndependentComputation(@ForAll("tables") Table table) {
        List<Row> rows = table.rows();
        FacetReport report = BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.empty())
                .facets()
                .get(0);

        double nd = count(rows, Reference::female);
        double na = count(rows, Reference::male);
        double qd = count(rows, r -> Reference.female(r) && !r.defaulted()) / nd;
        double qa = count(rows, r -> Reference.male(r) && !r.defaulted()) / na;
        double[] pa = {qa, 1 - qa};
        double[] pd = {qd, 1 - qd};

        assertThat(value(report, BiasMetric.CI)).isCloseTo((na - nd) / (na + nd), within(TOLERANCE));
        assertThat(value(report, BiasMetric.DPL)).isCloseTo(qa - qd, within(TOLERANCE));
        assertThat(value(report, BiasMetric.LP)).isCloseTo(Math.hypot(pa[0] - pd[0], pa[1] - pd[1]), within(TOLERANCE));
        assertThat(value(report, BiasMetric.TVD))
                .isCloseTo((Math.abs(pa[0] - pd[0]) + Math.abs(pa[1] - pd[1])) / 2, within(TOLERANCE));
        assertThat(value(report, BiasMetric.KS))
                .isCloseTo(Math.max(Math.abs(pa[0] - pd[0]), Math.abs(pa[1] - pd[1])), within(TOLERANCE));
        double[] mean = {(pa[0] + pd[0]) / 2, (pa[1] + pd[1]) / 2};
        assertThat(value(report, BiasMetric.JS))
                .isCloseTo((Reference.kl(pa, mean) + Reference.kl(pd, mean)) / 2, within(TOLERANCE));
        boolean klFinite = !(qa > 0 && qd == 0) && !(qa < 1 && qd == 1);
        assertThat(report.metric(BiasMetric.KL).value().isPresent()).isEqualTo(klFinite);
        if (klFinite) {
            assertThat(value(report, BiasMetric.KL)).isCloseTo(Reference.kl(pa, pd), within(TOLERANCE));
        }
    }

    @Property(tries = 400, seed = "20260119", edgeCases = EdgeCasesMode.MIXIN)
    void postTrainingValuesEqualAnIndependentComputation(@ForAll("tables") Table table) {
        List<Row> rows = table.rows();
        FacetReport report = BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)
                .facets()
                .get(0);
        Reference d = new Reference(rows, Reference::female);
        Reference a = new Reference(rows, Reference::male);

        assertThat(value(report, BiasMetric.DPPL)).isCloseTo(a.approved / a.n - d.approved / d.n, within(TOLERANCE));
        assertThat(value(report, BiasMetric.AD))
                .isCloseTo((a.tp + a.tn) / a.n - (d.tp + d.tn) / d.n, within(TOLERANCE));
        expect(report, BiasMetric.DI, a.approved > 0, () -> (d.approved / d.n) / (a.approved / a.n));
        expect(
                report,
                BiasMetric.DCA,
                a.approved > 0 && d.approved > 0,
                () -> a.repaid / a.approved - d.repaid / d.approved);
        expect(
                report,
                BiasMetric.DCR,
                a.rejected > 0 && d.rejected > 0,
                () -> d.defaulted / d.rejected - a.defaulted / a.rejected);
        expect(report, BiasMetric.RD, a.repaid > 0 && d.repaid > 0, () -> a.tp / (a.tp + a.fn) - d.tp / (d.tp + d.fn));
        expect(
                report,
                BiasMetric.SD,
                a.defaulted > 0 && d.defaulted > 0,
                () -> d.tn / (d.tn + d.fp) - a.tn / (a.tn + a.fp));
        expect(
                report,
                BiasMetric.DAR,
                a.approved > 0 && d.approved > 0,
                () -> a.tp / (a.tp + a.fp) - d.tp / (d.tp + d.fp));
        expect(
                report,
                BiasMetric.DRR,
                a.rejected > 0 && d.rejected > 0,
                () -> d.tn / (d.tn + d.fn) - a.tn / (a.tn + a.fn));
        expect(report, BiasMetric.TE, a.fp > 0 && d.fp > 0, () -> d.fn / d.fp - a.fn / a.fp);
    }

    @Property(tries = 400, seed = "20260120", edgeCases = EdgeCasesMode.MIXIN)
    void forBinaryLabelsTheDistancesAreTheDifferenceInProportions(@ForAll("tables") Table table) {
        FacetReport report = BiasAnalysis.preTraining(table.rows(), List.of(FEMALE), Optional.empty())
                .facets()
                .get(0);
        double dpl = value(report, BiasMetric.DPL);

        // With two label values, P_a - P_d = (DPL, -DPL): TVD = KS = |DPL|, LP = sqrt(2) |DPL|.
        assertThat(value(report, BiasMetric.TVD)).isCloseTo(Math.abs(dpl), within(TOLERANCE));
        assertThat(value(report, BiasMetric.KS)).isCloseTo(Math.abs(dpl), within(TOLERANCE));
        assertThat(value(report, BiasMetric.LP)).isCloseTo(Math.sqrt(2) * Math.abs(dpl), within(TOLERANCE));
        assertThat(value(report, BiasMetric.JS)).isBetween(0.0, Math.log(2) + TOLERANCE);
        report.metric(BiasMetric.KL).value().ifPresent(kl -> assertThat(kl).isGreaterThanOrEqualTo(0));
        assertThat(value(report, BiasMetric.CI)).isBetween(-1.0, 1.0);
    }

    @Property(tries = 300, seed = "20260121", edgeCases = EdgeCasesMode.MIXIN)
    void predictionsIndependentOfTheFacetGiveParity(
            @ForAll @IntRange(min = 1, max = 10) int approvedPerUnit,
            @ForAll @IntRange(min = 0, max = 10) int rejectedPerUnit,
            @ForAll @IntRange(min = 1, max = 5) int femaleUnits,
            @ForAll @IntRange(min = 1, max = 5) int maleUnits,
            @ForAll @IntRange(min = 0, max = 1000) int labelSeed) {
        // Each group is a multiple of the same pattern of decisions: q'_d = q'_a whatever the labels are.
        List<Row> rows = new ArrayList<>();
        Random labels = new Random(labelSeed);
        addUnits(rows, "female", femaleUnits, approvedPerUnit, rejectedPerUnit, labels);
        addUnits(rows, "male", maleUnits, approvedPerUnit, rejectedPerUnit, labels);

        FacetReport report = BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)
                .facets()
                .get(0);

        assertThat(value(report, BiasMetric.DI)).isEqualTo(1.0);
        assertThat(value(report, BiasMetric.DPPL)).isEqualTo(0.0);
        assertThat(report.metric(BiasMetric.DI).reading()).endsWith("; neither group is favoured.");
    }

    @Property(tries = 300, seed = "20260122", edgeCases = EdgeCasesMode.MIXIN)
    void unconditionedDemographicDisparityIsZeroExactlyWhenDplIsZero(@ForAll("tables") Table table) {
        // One group holding every row: CDDL = DD_d = n_d(0)/n(0) - n_d(1)/n(1) (Clarify's CDDL page).
        List<Row> rows = new ArrayList<>();
        for (Row row : table.rows()) {
            rows.add(new Row(row.defaulted(), row.probabilityOfDefault(), row.protectedValues(), Optional.of("all")));
        }
        FacetReport report = BiasAnalysis.preTraining(rows, List.of(FEMALE), Optional.of(PURPOSE))
                .facets()
                .get(0);
        double defaults = count(rows, Row::defaulted);
        double repayments = rows.size() - defaults;
        if (defaults == 0 || repayments == 0) {
            assertThat(report.metric(BiasMetric.CDDL).value()).isEmpty();
            return;
        }
        double dd = count(rows, r -> Reference.female(r) && r.defaulted()) / defaults
                - count(rows, r -> Reference.female(r) && !r.defaulted()) / repayments;
        assertThat(value(report, BiasMetric.CDDL)).isCloseTo(dd, within(TOLERANCE));
        assertThat(Math.abs(value(report, BiasMetric.CDDL)) < TOLERANCE)
                .isEqualTo(Math.abs(value(report, BiasMetric.DPL)) < TOLERANCE);
    }

    @Property(tries = 100, seed = "20260123")
    void theOrderOfTheRowsDoesNotChangeTheReport(@ForAll("tables") Table table, @ForAll long shuffleSeed) {
        List<Row> rows = table.rows();
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(shuffleSeed));

        assertThat(BiasReportJson.write(
                        BiasAnalysis.postTraining(shuffled, List.of(FEMALE), Optional.empty(), THRESHOLD)))
                .isEqualTo(BiasReportJson.write(
                        BiasAnalysis.postTraining(rows, List.of(FEMALE), Optional.empty(), THRESHOLD)));
    }

    private static void addUnits(List<Row> rows, String gender, int units, int approved, int rejected, Random labels) {
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < approved; k++) {
                rows.add(Row.scored(labels.nextBoolean(), 0.2, java.util.Map.of(Tables.GENDER, gender)));
            }
            for (int k = 0; k < rejected; k++) {
                rows.add(Row.scored(labels.nextBoolean(), 0.8, java.util.Map.of(Tables.GENDER, gender)));
            }
        }
    }

    private static void expect(
            FacetReport report, BiasMetric metric, boolean defined, java.util.function.DoubleSupplier expected) {
        MetricResult result = report.metric(metric);
        assertThat(result.value().isPresent()).as("%s defined", metric).isEqualTo(defined);
        if (defined) {
            assertThat(result.value().getAsDouble())
                    .as("%s", metric)
                    .isCloseTo(expected.getAsDouble(), within(TOLERANCE));
        } else {
            assertThat(result.notes()).as("%s notes", metric).isNotEmpty();
        }
    }

    private static double value(FacetReport report, BiasMetric metric) {
        return report.metric(metric)
                .value()
                .orElseThrow(() -> new AssertionError(
                        metric + " has no value: " + report.metric(metric).notes()));
    }

    private static double count(List<Row> rows, Predicate<Row> filter) {
        return rows.stream().filter(filter).count();
    }

    /** One group's counts, taken from the rows with filters: independent of the library's counting. */
    private static final class Reference {
        final double n;
        final double tp;
        final double fp;
        final double fn;
        final double tn;
        final double approved;
        final double rejected;
        final double repaid;
        final double defaulted;

        Reference(List<Row> rows, Predicate<Row> group) {
            Predicate<Row> approve = r -> r.probabilityOfDefault().getAsDouble() < THRESHOLD;
            n = count(rows, group);
            tp = count(rows, group.and(approve).and(r -> !r.defaulted()));
            fp = count(rows, group.and(approve).and(Row::defaulted));
            fn = count(rows, group.and(approve.negate()).and(r -> !r.defaulted()));
            tn = count(rows, group.and(approve.negate()).and(Row::defaulted));
            approved = count(rows, group.and(approve));
            rejected = count(rows, group.and(approve.negate()));
            repaid = count(rows, group.and(r -> !r.defaulted()));
            defaulted = count(rows, group.and(Row::defaulted));
        }

        static boolean female(Row row) {
            return row.protectedValues().get(Tables.GENDER).equals("female");
        }

        static boolean male(Row row) {
            return !female(row);
        }

        /** sum p ln(p/q), skipping p = 0. */
        static double kl(double[] p, double[] q) {
            double sum = 0;
            for (int y = 0; y < p.length; y++) {
                sum += p[y] == 0 ? 0 : p[y] * Math.log(p[y] / q[y]);
            }
            return sum;
        }
    }
}

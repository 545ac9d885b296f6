package com.example.credit.explainer.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.model.Objective;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReasonCodesTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();
    private static final FeatureEncoder ENCODER = new FeatureEncoder(CATALOG);
    private static final Objective BINARY = new Objective("binary sigmoid:1", 1);

    private final double[] row = exampleRow();

    @Test
    void writesPercentagePointsExactlyAsTheFormatterDid() {
        java.util.Random random = new java.util.Random(19);
        List<Double> edges = List.of(
                0.05,
                0.05000000000000001,
                0.15,
                0.25,
                0.35,
                0.45,
                0.95,
                0.9499999999999999,
                1.05,
                2.675,
                9.95,
                9.949999999999999,
                99.95,
                100.0,
                12.25,
                12.35,
                0.1,
                1e-1 * 3,
                5.55,
                8.45);
        for (double value : edges) {
            assertThat(ReasonCodes.oneDecimal(value))
                    .as("%s", value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", value));
        }
        for (int i = 0; i < 1_000_000; i++) {
            // Contributions in percentage points: uniform, near ties (x.x5), and products like the service computes.
            double value =
                    switch (i % 5) {
                        case 0 -> 0.05 + random.nextDouble() * 100;
                        case 1 -> (random.nextInt(2000) + 0.5) / 10 + (random.nextInt(3) - 1) * Math.ulp(50.0);
                        // Just beyond the 1e-6 band around a tie in which oneDecimal rounds the digits, and in it.
                        case 2 ->
                            (random.nextInt(2000) + 0.5) / 10 + (random.nextInt(5) - 2) * 1e-7 * random.nextDouble();
                        case 3 -> random.nextDouble() * 1e7;
                        default -> random.nextDouble() * random.nextDouble() * 100 + 0.05;
                    };
            String expected = String.format(java.util.Locale.ROOT, "%.1f", value);
            if (!ReasonCodes.oneDecimal(value).equals(expected)) {
                assertThat(ReasonCodes.oneDecimal(value)).as("%s", value).isEqualTo(expected);
            }
        }
    }

    @Test
    void picksTheLargestPositiveShapValuesStrongestFirst() {
        double[] phi = new double[CATALOG.size()];
        phi[index("credit__duration")] = 0.5;
        phi[index("credit__amount")] = 0.2;
        phi[index("finance__accounts__checking__balance")] = 0.9;
        phi[index("finance__other_assets")] = -1.5;

        List<Reason> reasons = reasons(phi, 4);

        assertThat(reasons)
                .extracting(Reason::feature)
                .containsExactly("finance__accounts__checking__balance", "credit__duration", "credit__amount");
        assertThat(reasons).extracting(Reason::rank).containsExactly(1, 2, 3);
    }

    @Test
    void breaksTiesByFeatureIndex() {
        double[] phi = new double[CATALOG.size()];
        phi[index("residence__type")] = 0.3;
        phi[index("contact__has_telephone")] = 0.3;
        phi[index("credit__purpose")] = 0.3;

        assertThat(reasons(phi, 2))
                .extracting(Reason::feature)
                .containsExactly("contact__has_telephone", "credit__purpose");
    }

    @Test
    void picksWhatSortingThePositiveValuesStrongestFirstThenByIndexPicks() {
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 5_000; trial++) {
            // Few distinct values, so that ties and zeros are common.
            double[] phi = new double[CATALOG.size()];
            for (int i = 0; i < phi.length; i++) {
                phi[i] = (random.nextInt(9) - 4) / 8.0;
            }
            int k = 1 + random.nextInt(phi.length + 2);
            List<Integer> sorted = IntStream.range(0, phi.length)
                    .filter(i -> phi[i] > 0)
                    .boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> phi[i])
                            .reversed()
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(k)
                    .toList();

            assertThat(reasons(phi, k))
                    .as("%s, k = %d", Arrays.toString(phi), k)
                    .extracting(Reason::feature)
                    .containsExactlyElementsOf(sorted.stream()
                            .map(i -> CATALOG.features().get(i).name())
                            .toList());
        }
    }

    @Test
    void givesNoReasonWhenNothingPushesTowardsDefault() {
        double[] phi = new double[CATALOG.size()];
        Arrays.fill(phi, -0.1);

        assertThat(reasons(phi, 4)).isEmpty();
    }

    @Test
    void writesASentenceFromTheSchemaAndTheValue() {
        double[] phi = new double[CATALOG.size()];
        phi[index("credit__duration")] = 0.5;
        phi[index("finance__accounts__checking__balance")] = 0.4;
        phi[index("contact__has_telephone")] = 0.3;

        List<Reason> reasons = reasons(phi, 3);

        assertThat(reasons.get(0).value()).isEqualTo(48L);
        assertThat(reasons.get(0).text())
                .matches("Credit duration is 48: this raises the estimated probability of default by \\d+\\.\\d"
                        + " percentage points\\. How long the credit runs, in months\\.");
        assertThat(reasons.get(1).text()).startsWith("Checking account balance is low: ");
        assertThat(reasons.get(2).text()).startsWith("Registered telephone is yes: ");
    }

    private List<Reason> reasons(double[] phi, int k) {
        double raw = -1 + Arrays.stream(phi).sum();
        RowExplanation explanation = new RowExplanation(raw, BINARY.probability(raw), -1, phi, null);
        return new ReasonCodes(ENCODER, k).reasons(row, explanation, ProbabilityView.of(explanation, BINARY));
    }

    private static int index(String name) {
        return CATALOG.feature(name).index();
    }

    private static double[] exampleRow() {
        try (var in = ReasonCodesTests.class.getResourceAsStream(
                "/com/example/credit/core/schema/example-application.json")) {
            return ENCODER.encode(
                    tools.jackson.databind.json.JsonMapper.shared().readTree(in));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

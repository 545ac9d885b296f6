package com.example.credit.core.bias;

import java.util.Arrays;
import java.util.List;

/**
 * The bias metrics of Amazon SageMaker Clarify, with Clarify's names (the names its {@code analysis.json} and its
 * {@code methods} setting use) and the definitions of its documentation, page by page (each constant names its
 * page; the pages are under {@code https://docs.aws.amazon.com/sagemaker/latest/dg/}).
 *
 * <p>Notation (Clarify's, on the pages <a
 * href="https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-measure-data-bias.html">pre-training bias
 * metrics</a> and <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-measure-post-training-bias.html">
 * post-training bias metrics</a>): <em>d</em> is the facet, <em>a</em> everyone else; {@code n_g} the rows of group
 * {@code g}; label 1 is the favourable outcome, here "no default" ({@code credit__default=false}); {@code n_g(1)},
 * {@code n_g(0)} the observed favourable and unfavourable outcomes; {@code n'_g(1)}, {@code n'_g(0)} the predicted
 * ones (approved: probability of default below the threshold); {@code q_g = n_g(1)/n_g}, {@code q'_g =
 * n'_g(1)/n_g}; {@code P_g(y)} the distribution of the observed labels, {@code (q_g, 1 - q_g)}; {@code TP_g},
 * {@code FP_g}, {@code FN_g}, {@code TN_g} the confusion matrix with "no default" as positive (see {@link
 * ConfusionCounts}).
 *
 * <p>When a formula divides by zero, the metric has no value and a note says which count was zero (Clarify's
 * implementation writes infinity or, for 0/0, zero; this library writes neither). See {@link MetricResult}.
 */
public enum BiasMetric {

    /**
     * Class imbalance: {@code CI = (n_a - n_d) / (n_a + n_d)}. Positive: the facet has fewer rows than everyone
     * else. Source: {@code clarify-bias-metric-class-imbalance.html}. An empty facet gives 1 (everyone else gives -1),
     * with a note.
     */
    CI(Stage.PRE_TRAINING, "Class Imbalance (CI)", 0, range(-1, 1, "[-1, 1]"), "clarify-bias-metric-class-imbalance"),

    /**
     * Difference in proportions of labels: {@code DPL = q_a - q_d}. Positive: everyone else has the higher share of
     * favourable labels. Source: {@code clarify-data-bias-metric-true-label-imbalance.html}.
     */
    DPL(
            Stage.PRE_TRAINING,
            "Difference in Proportions of Labels (DPL)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-data-bias-metric-true-label-imbalance"),

    /**
     * Kullback-Leibler divergence of the label distributions, natural logarithm: {@code KL = sum_y P_a(y) ln(P_a(y) /
     * P_d(y))}; a term with {@code P_a(y) = 0} is 0; a label value with {@code P_a(y) > 0 = P_d(y)} makes KL infinite,
     * reported as no value with a note. Source: {@code clarify-data-bias-metric-kl-divergence.html}.
     */
    KL(
            Stage.PRE_TRAINING,
            "Kullback-Leibler Divergence (KL)",
            0,
            ValueRange.atLeast(0, "[0, +inf)"),
            "clarify-data-bias-metric-kl-divergence"),

    /**
     * Jensen-Shannon divergence: {@code JS = (KL(P_a || P) + KL(P_d || P)) / 2} with {@code P = (P_a + P_d) / 2};
     * always defined, at most ln 2 (reached when the groups share no label value). Source: {@code
     * clarify-data-bias-metric-jensen-shannon-divergence.html}.
     */
    JS(
            Stage.PRE_TRAINING,
            "Jensen-Shannon Divergence (JS)",
            0,
            range(0, Math.log(2), "[0, ln 2]"),
            "clarify-data-bias-metric-jensen-shannon-divergence"),

    /**
     * Lp-norm of the difference of the label distributions, with p = 2 as Clarify uses: {@code LP = (sum_y |P_a(y) -
     * P_d(y)|^2)^(1/2)}. For binary labels {@code LP = sqrt(2) |DPL|}. Source: {@code
     * clarify-data-bias-metric-lp-norm.html}.
     */
    LP(
            Stage.PRE_TRAINING,
            "Lp-norm (LP)",
            0,
            range(0, Math.sqrt(2), "[0, sqrt 2]"),
            "clarify-data-bias-metric-lp-norm"),

    /**
     * Total variation distance: {@code TVD = (1/2) sum_y |P_a(y) - P_d(y)|}. For binary labels {@code TVD = |DPL|}.
     * Source: {@code clarify-data-bias-metric-total-variation-distance.html}.
     */
    TVD(
            Stage.PRE_TRAINING,
            "Total Variation Distance (TVD)",
            0,
            range(0, 1, "[0, 1]"),
            "clarify-data-bias-metric-total-variation-distance"),

    /**
     * Kolmogorov-Smirnov distance as Clarify defines it for labels: {@code KS = max_y |P_a(y) - P_d(y)|}. For binary
     * labels {@code KS = |DPL|}. Source: {@code clarify-data-bias-metric-kolmogorov-smirnov.html}.
     */
    KS(
            Stage.PRE_TRAINING,
            "Kolmogorov-Smirnov (KS)",
            0,
            range(0, 1, "[0, 1]"),
            "clarify-data-bias-metric-kolmogorov-smirnov"),

    /**
     * Conditional demographic disparity in labels: {@code CDDL = (1/n) sum_i n_i DD_i} over the groups {@code i} of
     * the group variable, with {@code DD_i = n_i,d(0) / n_i(0) - n_i,d(1) / n_i(1)}: the facet's share of group
     * {@code i}'s unfavourable outcomes minus its share of the favourable ones. Positive: the facet holds more of the
     * defaults than of the repayments. A group without favourable (or unfavourable) outcomes contributes 0 for that
     * share, as Clarify's implementation ({@code smclarify}, {@code common.CDD}) counts it, with a note; without any
     * favourable or any unfavourable outcome at all, or without a group variable, CDDL has no value. Source: {@code
     * clarify-data-bias-metric-cddl.html}.
     */
    CDDL(
            Stage.PRE_TRAINING,
            "Conditional Demographic Disparity in Labels (CDDL)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-data-bias-metric-cddl"),

    /**
     * Difference in positive proportions in predicted labels: {@code DPPL = q'_a - q'_d}. Positive: the model
     * approves everyone else at the higher rate. Source: {@code clarify-post-training-bias-metric-dppl.html}.
     */
    DPPL(
            Stage.POST_TRAINING,
            "Difference in Positive Proportions in Predicted Labels (DPPL)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-post-training-bias-metric-dppl"),

    /**
     * Disparate impact: {@code DI = q'_d / q'_a}. Below 1: the facet is approved at the lower rate (the
     * "four-fifths rule" of US employment practice flags values below 0.8). No value when the model approves no one
     * outside the facet. Source: {@code clarify-post-training-bias-metric-di.html}.
     */
    DI(
            Stage.POST_TRAINING,
            "Disparate Impact (DI)",
            1,
            ValueRange.atLeast(0, "[0, +inf)"),
            "clarify-post-training-bias-metric-di"),

    /**
     * Difference in conditional acceptance, Clarify's DCAcc (named {@code DCA} in its {@code analysis.json}): {@code
     * DCA = c_a - c_d} with {@code c_g = n_g(1) / n'_g(1)}, observed repayments per predicted approval. Positive:
     * relative to how its members repaid, the model approves the facet more readily than everyone else. Source:
     * {@code clarify-post-training-bias-metric-dcacc.html} (formerly {@code ...-dca.html}).
     */
    DCA(
            Stage.POST_TRAINING,
            "Difference in Conditional Acceptance (DCAcc)",
            0,
            ValueRange.unbounded(),
            "clarify-post-training-bias-metric-dcacc"),

    /**
     * Difference in conditional rejection: {@code DCR = r_d - r_a} with {@code r_g = n_g(0) / n'_g(0)}, observed
     * defaults per predicted rejection. Positive: relative to how its members defaulted, the model rejects the facet
     * more sparingly than everyone else. Source: {@code clarify-post-training-bias-metric-dcr.html}.
     */
    DCR(
            Stage.POST_TRAINING,
            "Difference in Conditional Rejection (DCR)",
            0,
            ValueRange.unbounded(),
            "clarify-post-training-bias-metric-dcr"),

    /**
     * Recall difference: {@code RD = TP_a / (TP_a + FN_a) - TP_d / (TP_d + FN_d)}, the difference in the share of
     * applicants who repaid that the model approves. Source: {@code clarify-post-training-bias-metric-rd.html}.
     */
    RD(
            Stage.POST_TRAINING,
            "Recall Difference (RD)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-post-training-bias-metric-rd"),

    /**
     * Specificity difference: {@code SD = TN_d / (TN_d + FP_d) - TN_a / (TN_a + FP_a)}, the difference in the share of
     * applicants who defaulted that the model rejects. Source: {@code clarify-post-training-bias-metric-sd.html}.
     */
    SD(
            Stage.POST_TRAINING,
            "Specificity Difference (SD)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-post-training-bias-metric-sd"),

    /**
     * Difference in acceptance rates: {@code DAR = TP_a / (TP_a + FP_a) - TP_d / (TP_d + FP_d)}, the difference in
     * precision: of the approved, the share who repaid. Source: {@code clarify-post-training-bias-metric-dar.html}.
     */
    DAR(
            Stage.POST_TRAINING,
            "Difference in Acceptance Rates (DAR)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-post-training-bias-metric-dar"),

    /**
     * Difference in rejection rates: {@code DRR = TN_d / (TN_d + FN_d) - TN_a / (TN_a + FN_a)}: of the rejected, the
     * share who defaulted. Source: {@code clarify-post-training-bias-metric-drr.html}.
     */
    DRR(
            Stage.POST_TRAINING,
            "Difference in Rejection Rates (DRR)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-post-training-bias-metric-drr"),

    /**
     * Accuracy difference: {@code AD = ACC_a - ACC_d} with {@code ACC_g = (TP_g + TN_g) / n_g}. Source: {@code
     * clarify-post-training-bias-metric-ad.html}.
     */
    AD(
            Stage.POST_TRAINING,
            "Accuracy Difference (AD)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-post-training-bias-metric-ad"),

    /**
     * Treatment equality: {@code TE = FN_d / FP_d - FN_a / FP_a}, the difference in wrongful rejections per wrongful
     * approval (the page's current form; it notes an older one, {@code FP_a / FN_a - FP_d / FN_d}). No value when a
     * group has no false positive. Source: {@code clarify-post-training-bias-metric-te.html}.
     */
    TE(
            Stage.POST_TRAINING,
            "Treatment Equality (TE)",
            0,
            ValueRange.unbounded(),
            "clarify-post-training-bias-metric-te"),

    /**
     * Conditional demographic disparity in predicted labels: {@link #CDDL} on the predicted labels, {@code DDPL_i =
     * n'_i,d(0) / n'_i(0) - n'_i,d(1) / n'_i(1)}, with the same conventions. Source: {@code
     * clarify-post-training-bias-metric-cddpl.html}.
     */
    CDDPL(
            Stage.POST_TRAINING,
            "Conditional Demographic Disparity in Predicted Labels (CDDPL)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-post-training-bias-metric-cddpl"),

    /**
     * Counterfactual flip test: {@code FT = (F+ - F-) / n_d}, where {@code F+} counts facet members the model rejects
     * whose nearest neighbours outside the facet it approves, {@code F-} the reverse. Always reported as not
     * applicable here: see {@link BiasAnalysis#FLIP_TEST_SKIPPED}. Source: {@code
     * clarify-post-training-bias-metric-ft.html}.
     */
    FT(
            Stage.POST_TRAINING,
            "Counterfactual Fliptest (FT)",
            0,
            range(-1, 1, "[-1, 1]"),
            "clarify-post-training-bias-metric-ft");

    private static final String DOCS = "https://docs.aws.amazon.com/sagemaker/latest/dg/";

    private final Stage stage;
    private final String description;
    private final double idealValue;
    private final ValueRange range;
    private final String page;

    BiasMetric(Stage stage, String description, double idealValue, ValueRange range, String page) {
        this.stage = stage;
        this.description = description;
        this.idealValue = idealValue;
        this.range = range;
        this.page = page;
    }

    /** The metrics of a stage, in this enum's order (Clarify's documentation order). */
    public static List<BiasMetric> of(Stage stage) {
        return Arrays.stream(values()).filter(m -> m.stage == stage).toList();
    }

    /** The stage whose data the metric needs. */
    public Stage stage() {
        return stage;
    }

    /** Clarify's long name, for example {@code Disparate Impact (DI)}. */
    public String description() {
        return description;
    }

    /** The value of a facet treated exactly like everyone else: 1 for DI, 0 for every other metric. */
    public double idealValue() {
        return idealValue;
    }

    /** The values the metric can take. */
    public ValueRange range() {
        return range;
    }

    /** The Clarify documentation page that defines the metric. */
    public String source() {
        return DOCS + page + ".html";
    }

    private static ValueRange range(double min, double max, String notation) {
        return ValueRange.closed(min, max, notation);
    }
}

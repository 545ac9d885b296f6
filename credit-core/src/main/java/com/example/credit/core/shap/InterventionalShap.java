package com.example.credit.core.shap;

import com.example.credit.core.model.FeatureVectorException;
import com.example.credit.core.model.Forest;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.model.Objective;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Exact interventional (background-data) TreeSHAP for a {@link LightGbmModel}: the contributions of a row {@code x}
 * against a reference population, for example "the applicants we approve", rather than against the training data as
 * the trees' counts describe it ({@link TreeShap}, path-dependent).
 *
 * <p><b>Method.</b> For each background row {@code b}, the Shapley values of the game
 * {@code v(S) = f(x_S, b_rest)} (the features in {@code S} from {@code x}, the others from {@code b}; {@code f} the
 * raw score, log-odds, summed over the trees), averaged over the background rows. That is the Shapley value of the
 * averaged game {@code v(S) = mean over b of f(x_S, b_rest)}, and what shap's
 * {@code TreeExplainer(model, data=background, feature_perturbation="interventional")} computes. Each tree's game is
 * solved in one walk per background row ({@link InterventionalWalker}; Lundberg et al., "From local explanations to
 * global understanding with explainable AI for trees", Nature Machine Intelligence 2, 2020, arXiv:1905.04610,
 * Methods, "Interventional Tree SHAP"). Splits route {@code x} and every background row by the model's own decisions
 * (categorical bitsets, missing types, NaN), so the hybrid rows are scored exactly as {@link
 * LightGbmModel#predictRaw} scores them.
 *
 * <p><b>Exactness and cost.</b> Exact: no sampling, no approximation; results differ from the Shapley values of the
 * game by rounding only, and add up to rounding: {@code expectedValue() + sum(phi) == model.predictRaw(x)}, with
 * {@link #expectedValue()} the mean raw score of the background. A row costs
 * {@code O(trees x leaves x background rows)} (a walk visits a tree's nodes at most once per background row, and
 * only where the hybrids of {@code x} and {@code b} can go) plus one pass over the splits for {@code x}'s decisions;
 * the background's decisions are taken once, here, as one bit per split and background row.
 *
 * <p><b>Probability view</b> ({@value #PROBABILITY_METHOD}): the method of shap's interventional
 * {@code model_output="probability"} (shap 0.52, {@code shap/cext/tree_shap.h}, {@code dense_independent}; MIT
 * licence, Copyright (c) 2018 Scott Lundberg): the log-odds contributions against each background row {@code b} are
 * multiplied by the secant slope of the probability between the two raw scores,
 * {@code (p(f(x)) - p(f(b))) / (f(x) - f(b))}, then averaged over the background rows; the base value is the mean
 * probability of the background. Against each row the rescaled values add up to {@code p(f(x)) - p(f(b))}, so the
 * view adds up to rounding: {@code expectedProbability() + sum(phi_p) == model.predictProbability(x)}. It is not the
 * Shapley value of the game {@code p(f(x_S, b_rest))}; it is the per-row linearisation shap reports. Two details
 * differ from shap's code, not from its method: the slope is computed in a form free of cancellation when the raw
 * scores are close, and where {@code f(x) == f(b)} exactly (so the values against {@code b} add up to zero) it is
 * the derivative {@code p'(f(x))}, the secant's limit, where shap takes 1. {@code p} is the model's objective,
 * {@code 1 / (1 + exp(-sigmoid * raw))}, as LightGBM predicts (shap's logistic ignores {@code sigmoid}; the two agree
 * for the default {@code sigmoid:1}).
 *
 * <p>Interventional and path-dependent values answer different questions and differ in general, even with the
 * training data as background. One instance serves all threads; scratch space comes from an
 * {@link InterventionalWorkspace} (one per thread when none is given), so a row allocates nothing.
 */
public final class InterventionalShap {

    /** The name and version of the probability view's method, for responses to report. */
    public static final String PROBABILITY_METHOD = "interventional-probability/1";

    // Above this half difference of the scaled raw scores the plain secant has no cancellation to fear.
    private static final double PLAIN_SECANT = 0.5;
    // The most words the background's decision bits may take (one Java array).
    private static final long MAX_DECISION_WORDS = Integer.MAX_VALUE - 8;

    private final LightGbmModel model;
    private final Objective objective;
    private final ShapTrees trees;
    // The roots of the trees with a split, in tree order; one-leaf trees give x and b the same value.
    private final int[] roots;
    private final int backgroundSize;
    // Per background row r, from word r * words: bit node % 64 of word node / 64 is set when r goes left at split node.
    private final long[] backgroundLeft;
    private final int words;
    private final double[] backgroundRaw;
    private final double expectedValue;
    private final double expectedProbability;
    private final double[] weights;
    private final int weightStride;
    private final ThreadLocal<InterventionalWorkspace> workspaces = ThreadLocal.withInitial(this::newWorkspace);

    private InterventionalShap(LightGbmModel model, double[][] background) {
        this.model = model;
        this.objective = model.objective();
        Forest forest = model.forest();
        this.trees = new ShapTrees(forest);
        this.roots = splitRoots(forest);
        this.backgroundSize = background.length;
        int splits = trees.feature.length;
        this.words = (splits + 63) >>> 6;
        this.backgroundLeft = backgroundDecisions(forest, background, splits, words);
        this.backgroundRaw = new double[backgroundSize];
        double rawSum = 0.0;
        double probabilitySum = 0.0;
        for (int r = 0; r < backgroundSize; r++) {
            backgroundRaw[r] = model.predictRaw(background[r]);
            rawSum += backgroundRaw[r];
            probabilitySum += objective.probability(backgroundRaw[r]);
        }
        this.expectedValue = rawSum / backgroundSize;
        this.expectedProbability = probabilitySum / backgroundSize;
        int most = mostDistinctFeatures(forest);
        this.weights = InterventionalWalker.weights(most);
        this.weightStride = most + 1;
    }

    /**
     * Prepares interventional TreeSHAP for a model against background rows (dense, in model feature order, NaN
     * for missing, like the rows to explain). The rows are read here and not kept.
     *
     * @throws BackgroundDataException if there are no background rows
     * @throws FeatureVectorException if a background row does not fit the model
     */
    public static InterventionalShap of(LightGbmModel model, double[][] background) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(background, "background");
        if (background.length == 0) {
            throw new BackgroundDataException(
                    "the background has 0 rows, interventional TreeSHAP needs at least one row to explain against");
        }
        for (int r = 0; r < background.length; r++) {
            Objects.requireNonNull(background[r], "background row " + r);
            FeatureVectorException.requireLength("background row " + r, background[r].length, model.numFeatures());
        }
        long decisionWords = (long) background.length * ((model.forest().numLeaves() + 63) >>> 6);
        if (decisionWords > MAX_DECISION_WORDS) {
            throw new BackgroundDataException("the background has " + background.length + " rows, too many for a"
                    + " model of " + model.forest().numLeaves() + " leaves: one decision bit per row and split must"
                    + " fit in " + MAX_DECISION_WORDS + " 64-bit words");
        }
        return new InterventionalShap(model, background);
    }

    /** The model this instance explains. */
    public LightGbmModel model() {
        return model;
    }

    /** The number of features, so contribution vectors have {@code numFeatures() + 1} entries. */
    public int numFeatures() {
        return model.numFeatures();
    }

    /** The number of background rows. */
    public int backgroundSize() {
        return backgroundSize;
    }

    /** The base value of the log-odds contributions: the mean raw score of the background rows. */
    public double expectedValue() {
        return expectedValue;
    }

    /** The base value of the probability view: the mean predicted probability of the background rows. */
    public double expectedProbability() {
        return expectedProbability;
    }

    /** A fresh workspace for the explicit-workspace methods; use one per thread. */
    public InterventionalWorkspace newWorkspace() {
        InterventionalWalker walker = new InterventionalWalker(trees, weights, weightStride);
        return new InterventionalWorkspace(this, walker, numFeatures());
    }

    /**
     * The log-odds contributions of a row, a new array of {@code numFeatures() + 1} values with the base value
     * ({@link #expectedValue()}) last.
     *
     * @throws FeatureVectorException if the row does not fit the model
     */
    public double[] contributions(double[] row) {
        double[] out = new double[numFeatures() + 1];
        contributions(row, out);
        return out;
    }

    /**
     * Writes the log-odds contributions of a row into {@code out} ({@code numFeatures() + 1} values, base last).
     *
     * @throws FeatureVectorException if the row or the output does not fit the model
     */
    public void contributions(double[] row, double[] out) {
        explain(row, Objects.requireNonNull(out, "out"), null, workspaces.get());
    }

    /**
     * Writes the log-odds contributions of a row into {@code out} using the given workspace.
     *
     * @throws FeatureVectorException if the row or the output does not fit the model
     */
    public void contributions(double[] row, double[] out, InterventionalWorkspace workspace) {
        explain(row, Objects.requireNonNull(out, "out"), null, workspace);
    }

    /**
     * The probability view of a row ({@value #PROBABILITY_METHOD}, see the class overview), a new array of
     * {@code numFeatures() + 1} values with the base value ({@link #expectedProbability()}) last.
     *
     * @throws FeatureVectorException if the row does not fit the model
     */
    public double[] probabilityContributions(double[] row) {
        double[] out = new double[numFeatures() + 1];
        explain(row, null, out, workspaces.get());
        return out;
    }

    /**
     * Writes the probability view of a row into {@code out} ({@code numFeatures() + 1} values, base last).
     *
     * @throws FeatureVectorException if the row or the output does not fit the model
     */
    public void probabilityContributions(double[] row, double[] out) {
        explain(row, null, Objects.requireNonNull(out, "out"), workspaces.get());
    }

    /**
     * Writes the probability view of a row into {@code out} ({@code numFeatures() + 1} values, base last) using the
     * given workspace.
     *
     * @throws FeatureVectorException if the row or the output does not fit the model
     */
    public void probabilityContributions(double[] row, double[] out, InterventionalWorkspace workspace) {
        explain(row, null, Objects.requireNonNull(out, "out"), workspace);
    }

    /**
     * Writes both the log-odds contributions ({@code logOdds}) and the probability view ({@code probability}) of a
     * row in one pass, each {@code numFeatures() + 1} values with its base value last; either may be {@code null}
     * when not wanted. Each gets the bits the single methods give.
     *
     * @throws FeatureVectorException if the row or an output does not fit the model
     */
    public void explain(double[] row, double[] logOdds, double[] probability, InterventionalWorkspace workspace) {
        model.requireRow(row);
        if (logOdds != null) {
            FeatureVectorException.requireLength("contribution output", logOdds.length, numFeatures() + 1);
        }
        if (probability != null) {
            FeatureVectorException.requireLength(
                    "probability contribution output", probability.length, numFeatures() + 1);
        }
        Objects.requireNonNull(workspace, "workspace").requireOwner(this);
        int n = numFeatures();
        InterventionalWalker walker = workspace.walker;
        double[] againstRow = workspace.againstRow;
        walker.prepare(row);
        double raw = model.predictRaw(row);
        clear(logOdds);
        clear(probability);
        for (int r = 0; r < backgroundSize; r++) {
            Arrays.fill(againstRow, 0.0);
            int bitOffset = r * words;
            for (int root : roots) {
                walker.walk(root, backgroundLeft, bitOffset, againstRow);
            }
            if (logOdds != null) {
                for (int i = 0; i < n; i++) {
                    logOdds[i] += againstRow[i];
                }
            }
            if (probability != null) {
                double slope = secantSlope(objective, raw, backgroundRaw[r]);
                for (int i = 0; i < n; i++) {
                    probability[i] += slope * againstRow[i];
                }
            }
        }
        finish(logOdds, expectedValue);
        finish(probability, expectedProbability);
    }

    private static void clear(double[] out) {
        if (out != null) {
            Arrays.fill(out, 0.0);
        }
    }

    private void finish(double[] out, double base) {
        if (out != null) {
            for (int i = 0; i < out.length - 1; i++) {
                out[i] /= backgroundSize;
            }
            out[out.length - 1] = base;
        }
    }

    /**
     * The slope of the secant of {@code p} between raw scores {@code a} and {@code b}, {@code (p(a) - p(b)) / (a - b)},
     * and its limit {@code p'(a)} where {@code a == b}. With {@code u = s a}, {@code w = s b} ({@code s} the sigmoid
     * parameter) and {@code h = (u - w) / 2}, {@code p(a) - p(b) = sinh(h) / (2 cosh(u / 2) cosh(w / 2))}, so the
     * slope is {@code s (sinh(h) / h) / (4 cosh(u / 2) cosh(w / 2))}: no difference of nearly equal probabilities.
     */
    private static double secantSlope(Objective objective, double a, double b) {
        double s = objective.sigmoid();
        double u = s * a;
        double w = s * b;
        double h = (u - w) / 2;
        if (Math.abs(h) > PLAIN_SECANT) {
            return (objective.probability(a) - objective.probability(b)) / (a - b);
        }
        double sinhOverH = h == 0.0 ? 1.0 : Math.sinh(h) / h;
        return s * sinhOverH / (4 * Math.cosh(u / 2) * Math.cosh(w / 2));
    }

    private static int[] splitRoots(Forest forest) {
        return IntStream.range(0, forest.numTrees())
                .map(forest::root)
                .filter(root -> root >= 0)
                .toArray();
    }

    /** Every background row's direction at every split, by the model's decision for many rows at once. */
    private static long[] backgroundDecisions(Forest forest, double[][] background, int splits, int words) {
        int rows = background.length;
        double[][] columns = new double[forest.numFeatures()][rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < columns.length; f++) {
                columns[f][r] = background[r][f];
            }
        }
        long[] bits = new long[rows * words];
        boolean[] goesLeft = new boolean[rows];
        for (int node = 0; node < splits; node++) {
            forest.goesLeft(node, columns[forest.splitFeature(node)], 0, rows, goesLeft);
            for (int r = 0; r < rows; r++) {
                if (goesLeft[r]) {
                    bits[r * words + (node >>> 6)] |= 1L << node;
                }
            }
        }
        return bits;
    }

    /** The most distinct features on one root-to-leaf path of any tree: the largest coalition a leaf can need. */
    private static int mostDistinctFeatures(Forest forest) {
        int most = 0;
        int[] uses = new int[forest.numFeatures()];
        for (int t = 0; t < forest.numTrees(); t++) {
            most = Math.max(most, mostDistinctFeatures(forest, forest.root(t), uses, 0));
        }
        return most;
    }

    private static int mostDistinctFeatures(Forest forest, int node, int[] uses, int distinct) {
        if (node < 0) {
            return distinct;
        }
        int f = forest.splitFeature(node);
        int below = uses[f] == 0 ? distinct + 1 : distinct;
        uses[f]++;
        int most = Math.max(
                mostDistinctFeatures(forest, forest.leftChild(node), uses, below),
                mostDistinctFeatures(forest, forest.rightChild(node), uses, below));
        uses[f]--;
        return most;
    }
}

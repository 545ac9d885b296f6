package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;

/**
 * The recursion of path-dependent TreeSHAP (Lundberg et al., "Consistent individualized feature attribution for
 * tree ensembles", Algorithm 2) with the conditioning of the interaction algorithm (Lundberg et al. 2018/2020),
 * over a {@link Forest}, with scratch space owned by one thread at a time.
 *
 * <p>The arithmetic follows LightGBM's {@code Tree::TreeSHAP} step by step (the same operations in the same
 * order), so that unconditioned contributions equal {@code C_API_PREDICT_CONTRIB} to the last bit or nearly so.
 * Covers are the training row counts of the nodes, as in LightGBM.
 *
 * <p>Each recursion level copies its parent's unique path into the next segment of one scratch array, so the
 * segments of one root-to-leaf walk never overlap and nothing is allocated per row.
 */
final class PathWalker {

    /** Conditioning of the interaction algorithm: none, the feature always present, or always absent. */
    static final int UNCONDITIONED = 0;

    static final int ON = 1;
    static final int OFF = -1;

    // One path element is four consecutive doubles: feature index, zero fraction, one fraction, permutation
    // weight. Interleaving them lets each level copy its parent's path with a single arraycopy.
    private static final int STRIDE = 4;
    private static final int FEATURE = 0;
    private static final int ZERO = 1;
    private static final int ONE = 2;
    private static final int WEIGHT = 3;

    private final Forest forest;
    private final double[] path;

    // Per-walk inputs, set by walk() so the recursion does not pass them on every call.
    private double[] row;
    private double[] phi;
    private int condition;
    private int conditionFeature;

    PathWalker(Forest forest) {
        this.forest = forest;
        // A level at unique depth d uses d + 1 elements starting after its parent's segment; over a path of
        // D splits that adds up to at most (D + 2)(D + 3) / 2 elements.
        int depth = forest.maxDepth();
        path = new double[(depth + 2) * (depth + 3) / 2 * STRIDE];
    }

    /**
     * Adds the SHAP values of {@code tree} for {@code row} to {@code phi} (indexed by feature), optionally with
     * {@code conditionFeature} held present ({@link #ON}) or absent ({@link #OFF}). The tree's expected value
     * is not added.
     */
    void walk(int tree, double[] row, double[] phi, int condition, int conditionFeature) {
        int root = forest.root(tree);
        if (root < 0) {
            // A one-leaf tree is a constant: it only contributes to the expected value.
            return;
        }
        this.row = row;
        this.phi = phi;
        this.condition = condition;
        this.conditionFeature = conditionFeature;
        // The root's parent segment starts at -1 so that the root's own segment starts at 0.
        recurse(root, 0, -1, 1.0, 1.0, -1, 1.0);
        this.row = null;
        this.phi = null;
    }

    private void recurse(
            int node,
            int uniqueDepth,
            int parentStart,
            double parentZero,
            double parentOne,
            int parentFeature,
            double conditionFraction) {
        if (conditionFraction == 0) {
            // The conditioning sent no weight down this branch.
            return;
        }
        int start = parentStart + uniqueDepth + 1;
        if (uniqueDepth > 0) {
            System.arraycopy(path, parentStart * STRIDE, path, start * STRIDE, (uniqueDepth + 1) * STRIDE);
        }
        int depth = uniqueDepth;
        // A conditioned feature is never part of the path: its splits either follow the row or split the weight.
        if (condition == UNCONDITIONED || parentFeature != conditionFeature) {
            extend(start, depth, parentZero, parentOne, parentFeature);
        } else {
            depth--;
        }

        if (node < 0) {
            double value = forest.leafValue(~node);
            for (int i = 1; i <= depth; i++) {
                double w = unwoundSum(start, depth, i);
                int at = (start + i) * STRIDE;
                phi[(int) path[at + FEATURE]] += w * (path[at + ONE] - path[at + ZERO]) * value * conditionFraction;
            }
            return;
        }

        int split = forest.splitFeature(node);
        int hot = forest.child(node, row[split]);
        int cold = hot == forest.leftChild(node) ? forest.rightChild(node) : forest.leftChild(node);
        double cover = forest.count(node);
        double hotZero = forest.count(hot) / cover;
        double coldZero = forest.count(cold) / cover;
        double incomingZero = 1;
        double incomingOne = 1;

        // A feature already on the path is taken off and put back with the fractions of both splits combined.
        int pathIndex = 0;
        while (pathIndex <= depth && path[(start + pathIndex) * STRIDE + FEATURE] != split) {
            pathIndex++;
        }
        if (pathIndex != depth + 1) {
            incomingZero = path[(start + pathIndex) * STRIDE + ZERO];
            incomingOne = path[(start + pathIndex) * STRIDE + ONE];
            unwind(start, depth, pathIndex);
            depth--;
        }

        double hotCondition = conditionFraction;
        double coldCondition = conditionFraction;
        if (condition == ON && split == conditionFeature) {
            coldCondition = 0;
        } else if (condition == OFF && split == conditionFeature) {
            hotCondition *= hotZero;
            coldCondition *= coldZero;
        }
        recurse(hot, depth + 1, start, hotZero * incomingZero, incomingOne, split, hotCondition);
        recurse(cold, depth + 1, start, coldZero * incomingZero, 0, split, coldCondition);
    }

    private void extend(int start, int depth, double zeroFraction, double oneFraction, int featureIndex) {
        int at = (start + depth) * STRIDE;
        path[at + FEATURE] = featureIndex;
        path[at + ZERO] = zeroFraction;
        path[at + ONE] = oneFraction;
        path[at + WEIGHT] = depth == 0 ? 1 : 0;
        int base = start * STRIDE + WEIGHT;
        for (int i = depth - 1; i >= 0; i--) {
            path[base + (i + 1) * STRIDE] += oneFraction * path[base + i * STRIDE] * (i + 1) / (double) (depth + 1);
            path[base + i * STRIDE] = zeroFraction * path[base + i * STRIDE] * (depth - i) / (double) (depth + 1);
        }
    }

    private void unwind(int start, int depth, int pathIndex) {
        int element = (start + pathIndex) * STRIDE;
        double oneFraction = path[element + ONE];
        double zeroFraction = path[element + ZERO];
        int base = start * STRIDE + WEIGHT;
        double nextOnePortion = path[base + depth * STRIDE];
        for (int i = depth - 1; i >= 0; i--) {
            int w = base + i * STRIDE;
            if (oneFraction != 0) {
                double previous = path[w];
                path[w] = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
                nextOnePortion = previous - path[w] * zeroFraction * (depth - i) / (double) (depth + 1);
            } else {
                path[w] = (path[w] * (depth + 1)) / (zeroFraction * (depth - i));
            }
        }
        // Shift the later elements' feature and fractions down over the removed one; the weights stay put.
        for (int i = pathIndex; i < depth; i++) {
            int to = (start + i) * STRIDE;
            path[to + FEATURE] = path[to + STRIDE + FEATURE];
            path[to + ZERO] = path[to + STRIDE + ZERO];
            path[to + ONE] = path[to + STRIDE + ONE];
        }
    }

    private double unwoundSum(int start, int depth, int pathIndex) {
        int element = (start + pathIndex) * STRIDE;
        double oneFraction = path[element + ONE];
        double zeroFraction = path[element + ZERO];
        int base = start * STRIDE + WEIGHT;
        double nextOnePortion = path[base + depth * STRIDE];
        double total = 0;
        for (int i = depth - 1; i >= 0; i--) {
            double weight = path[base + i * STRIDE];
            if (oneFraction != 0) {
                double tmp = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
                total += tmp;
                nextOnePortion = weight - tmp * zeroFraction * ((depth - i) / (double) (depth + 1));
            } else {
                total += (weight / zeroFraction) / ((depth - i) / (double) (depth + 1));
            }
        }
        return total;
    }
}

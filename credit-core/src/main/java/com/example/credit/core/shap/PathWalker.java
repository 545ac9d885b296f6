package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;

/**
 * Path-dependent TreeSHAP by LightGBM's recursion over unique paths (Lundberg, Erion, Lee, "Consistent
 * Individualized Feature Attribution for Tree Ensembles", arXiv:1802.03888, Algorithm 2), over the flat arrays of
 * {@link ShapTrees}, with scratch space owned by one thread at a time. The engine of {@link TreeShap.Engine#PATH_WALK}
 * and of the interaction values, which condition the walk on one feature held present or absent (the conditioning
 * of Lundberg et al., "From local explanations to global understanding with explainable AI for trees", Nature
 * Machine Intelligence 2020, arXiv:1905.04610).
 *
 * <p>Follows LightGBM's {@code Tree::TreeSHAP}, {@code ExtendPath}, {@code UnwindPath} and {@code UnwoundPathSum}
 * ({@code include/LightGBM/tree.h}, {@code src/io/tree.cpp}; LightGBM is MIT-licensed, Copyright (c) Microsoft
 * Corporation), keeping its structure and names (unique depth, parent zero and one fractions, hot and cold
 * branches) so the two can be read side by side. The arithmetic is rearranged for speed, so results equal
 * {@code C_API_PREDICT_CONTRIB} up to rounding (differences around 1e-16, far inside the 1e-9 the tests demand):
 *
 * <ul>
 *   <li>every division by a function of the path depth is a multiplication by a quotient from a table built
 *       once per model, so the loop-carried chain of the unwinding is a multiply and a subtract, not a division;
 *   <li>a path element's one fraction is always 0 or 1 (the row takes a branch or it does not), kept as an int;
 *       at a leaf, every element whose branch the row does not take contributes
 *       {@code -value * sum(w_k * (d + 1) / (d - k))} whatever its zero fraction, so that sum is computed once
 *       per leaf, and the taken elements are unwound together, their independent chains overlapping;
 *   <li>elements are sorted into taken (hot) and not taken (cold) without branches (the pattern is as random as
 *       the rows), and the path extension carries the running weight in a register rather than through memory.
 * </ul>
 *
 * <p>Each recursion level copies its parent's unique path into the next segment of the scratch arrays, so the
 * segments of one root-to-leaf walk never overlap and nothing is allocated per row.
 */
final class PathWalker {

    /** Conditioning of the interaction algorithm: none, the feature always present, or always absent. */
    static final int UNCONDITIONED = 0;

    static final int ON = 1;
    static final int OFF = -1;

    // A path element is two doubles (zero fraction, permutation weight) in `fractions` and two ints (feature,
    // one fraction 0 or 1) in `elements`, at the same index times two: one arraycopy each per recursion level.
    private static final int ZERO = 0;
    private static final int WEIGHT = 1;
    private static final int FEATURE = 0;
    private static final int ONE = 1;

    private final ShapTrees trees;
    private final Forest forest;
    private final double[] fractions;
    private final int[] elements;
    // Per unique depth d and index i < width, at [d * width + i]: (i + 1) / (d + 1), (d - i) / (d + 1),
    // (d + 1) / (i + 1), (d + 1) / (d - i) and (d - i) / (i + 1).
    private final double[] up;
    private final double[] down;
    private final double[] unUp;
    private final double[] unDown;
    private final double[] ratio;
    private final int width;
    // The elements of the current leaf, sorted into taken (hot) and not taken (cold), and the hot unwinding state.
    private final double[] hotZero;
    private final int[] hotFeature;
    private final int[] coldFeature;
    private final double[] hotNext;
    private final double[] hotTotal;

    // Per-walk inputs, set by walk() so the recursion does not pass them on every call.
    private double[] row;
    private double[] phi;
    private int condition;
    private int conditionFeature;

    PathWalker(ShapTrees trees) {
        this.trees = trees;
        this.forest = trees.forest;
        // A level at unique depth d uses d + 1 elements starting after its parent's segment; over a path of
        // D splits that adds up to at most (D + 2)(D + 3) / 2 elements.
        int depth = forest.maxDepth();
        int maxElements = (depth + 2) * (depth + 3) / 2;
        fractions = new double[2 * maxElements];
        elements = new int[2 * maxElements];
        width = depth + 2;
        up = new double[width * width];
        down = new double[width * width];
        unUp = new double[width * width];
        unDown = new double[width * width];
        ratio = new double[width * width];
        for (int d = 0; d < width; d++) {
            for (int i = 0; i <= d; i++) {
                int at = d * width + i;
                up[at] = (i + 1) / (double) (d + 1);
                down[at] = (d - i) / (double) (d + 1);
                unUp[at] = (d + 1) / (double) (i + 1);
                unDown[at] = i < d ? (d + 1) / (double) (d - i) : 0.0;
                ratio[at] = (d - i) / (double) (i + 1);
            }
        }
        hotZero = new double[width];
        hotFeature = new int[width];
        coldFeature = new int[width];
        hotNext = new double[width];
        hotTotal = new double[width];
    }

    /**
     * Adds the SHAP values of {@code tree} for {@code row} to {@code phi} (indexed by feature). The tree's
     * expected value is not added.
     */
    void walk(int tree, double[] row, double[] phi) {
        int root = forest.root(tree);
        if (root < 0) {
            // A one-leaf tree is a constant: it only contributes to the expected value.
            return;
        }
        this.row = row;
        this.phi = phi;
        this.condition = UNCONDITIONED;
        this.conditionFeature = -1;
        // The root's parent segment starts at -1 so that the root's own segment starts at 0.
        recurse(root, 0, -1, 1.0, 1, -1, 1.0, true);
        this.row = null;
        this.phi = null;
    }

    /**
     * Adds to {@code phi} the part of the SHAP values of {@code tree} with {@code conditionFeature} held present
     * ({@link #ON}) or absent ({@link #OFF}) that depends on the conditioning: leaves whose path never tests the
     * feature contribute the same under both conditions, and the interaction algorithm only needs the difference
     * of the two, so they are skipped (with every subtree that does not test the feature).
     */
    void walkConditioned(int tree, double[] row, double[] phi, int condition, int conditionFeature) {
        int root = forest.root(tree);
        if (root < 0) {
            return;
        }
        this.row = row;
        this.phi = phi;
        this.condition = condition;
        this.conditionFeature = conditionFeature;
        recurse(root, 0, -1, 1.0, 1, -1, 1.0, false);
        this.row = null;
        this.phi = null;
    }

    private void recurse(
            int node,
            int uniqueDepth,
            int parentStart,
            double parentZero,
            int parentOne,
            int parentFeature,
            double conditionFraction,
            boolean conditionSeen) {
        if (conditionFraction == 0) {
            // The conditioning sent no weight down this branch.
            return;
        }
        if (!conditionSeen && (node < 0 || !trees.testsBelow(node, conditionFeature))) {
            // Nothing below depends on the conditioned feature: both conditions give the same values here.
            return;
        }
        int start = parentStart + uniqueDepth + 1;
        if (uniqueDepth > 0) {
            System.arraycopy(fractions, 2 * parentStart, fractions, 2 * start, 2 * (uniqueDepth + 1));
            System.arraycopy(elements, 2 * parentStart, elements, 2 * start, 2 * (uniqueDepth + 1));
        }
        int depth = uniqueDepth;
        // A conditioned feature is never part of the path: its splits either follow the row or split the weight.
        if (condition == UNCONDITIONED || parentFeature != conditionFeature) {
            extend(start, depth, parentZero, parentOne, parentFeature);
        } else {
            depth--;
        }

        if (node < 0) {
            leaf(start, depth, trees.leafValue[~node] * conditionFraction);
            return;
        }

        int split = trees.feature[node];
        int leftChild = trees.left[node];
        int rightChild = trees.right[node];
        boolean hotLeft = forest.child(node, row[split]) == leftChild;
        int hot = hotLeft ? leftChild : rightChild;
        int cold = hotLeft ? rightChild : leftChild;
        double hotShare = hotLeft ? trees.leftShare[node] : trees.rightShare[node];
        double coldShare = hotLeft ? trees.rightShare[node] : trees.leftShare[node];
        double incomingZero = 1;
        int incomingOne = 1;

        // A feature already on the path is taken off and put back with the fractions of both splits combined.
        int pathIndex = 0;
        while (pathIndex <= depth && elements[2 * (start + pathIndex) + FEATURE] != split) {
            pathIndex++;
        }
        if (pathIndex != depth + 1) {
            incomingZero = fractions[2 * (start + pathIndex) + ZERO];
            incomingOne = elements[2 * (start + pathIndex) + ONE];
            unwind(start, depth, pathIndex);
            depth--;
        }

        double hotCondition = conditionFraction;
        double coldCondition = conditionFraction;
        boolean seen = conditionSeen;
        if (split == conditionFeature) {
            seen = true;
            if (condition == ON) {
                coldCondition = 0;
            } else if (condition == OFF) {
                hotCondition *= hotShare;
                coldCondition *= coldShare;
            }
        }
        recurse(hot, depth + 1, start, hotShare * incomingZero, incomingOne, split, hotCondition, seen);
        recurse(cold, depth + 1, start, coldShare * incomingZero, 0, split, coldCondition, seen);
    }

    private void leaf(int start, int depth, double value) {
        int base = 2 * start + WEIGHT;
        int table = depth * width;
        int hot = 0;
        int cold = 0;
        for (int i = 1; i <= depth; i++) {
            int at = 2 * (start + i);
            int f = elements[at + FEATURE];
            int one = elements[at + ONE];
            // Written to both lists, kept in one: no branch to mispredict.
            hotZero[hot] = fractions[at + ZERO];
            hotFeature[hot] = f;
            coldFeature[cold] = f;
            hot += one;
            cold += 1 - one;
        }
        if (cold > 0) {
            double coldShare = 0;
            for (int k = depth - 1; k >= 0; k--) {
                coldShare += fractions[base + 2 * k] * unDown[table + k];
            }
            double contribution = -coldShare * value;
            for (int c = 0; c < cold; c++) {
                phi[coldFeature[c]] += contribution;
            }
        }
        if (hot == 0) {
            return;
        }
        // The unwound sums of all taken elements at once: one chain per element, advanced together, so the
        // processor overlaps their multiply-subtract steps instead of waiting on one chain at a time.
        double first = fractions[base + 2 * depth];
        for (int h = 0; h < hot; h++) {
            hotNext[h] = first;
            hotTotal[h] = 0;
        }
        for (int k = depth - 1; k >= 0; k--) {
            double weight = fractions[base + 2 * k];
            double u = unUp[table + k];
            double r = ratio[table + k];
            for (int h = 0; h < hot; h++) {
                double next = hotNext[h];
                hotTotal[h] += next * u;
                hotNext[h] = weight - next * hotZero[h] * r;
            }
        }
        for (int h = 0; h < hot; h++) {
            phi[hotFeature[h]] += hotTotal[h] * (1 - hotZero[h]) * value;
        }
    }

    private void extend(int start, int depth, double zeroFraction, int oneFraction, int featureIndex) {
        int at = 2 * (start + depth);
        elements[at + FEATURE] = featureIndex;
        elements[at + ONE] = oneFraction;
        fractions[at + ZERO] = zeroFraction;
        int base = 2 * start + WEIGHT;
        int table = depth * width;
        // `upper` is the weight of element i + 1 as updated so far; it is final once element i's share is added.
        double upper = depth == 0 ? 1 : 0;
        if (oneFraction != 0) {
            for (int i = depth - 1; i >= 0; i--) {
                double weight = fractions[base + 2 * i];
                fractions[base + 2 * (i + 1)] = upper + weight * up[table + i];
                upper = zeroFraction * weight * down[table + i];
            }
        } else {
            // A cold branch: the one-fraction share is zero.
            for (int i = depth - 1; i >= 0; i--) {
                double weight = fractions[base + 2 * i];
                fractions[base + 2 * (i + 1)] = upper;
                upper = zeroFraction * weight * down[table + i];
            }
        }
        fractions[base] = upper;
    }

    private void unwind(int start, int depth, int pathIndex) {
        int element = 2 * (start + pathIndex);
        int oneFraction = elements[element + ONE];
        double zeroFraction = fractions[element + ZERO];
        int base = 2 * start + WEIGHT;
        int table = depth * width;
        if (oneFraction != 0) {
            double nextOnePortion = fractions[base + 2 * depth];
            for (int i = depth - 1; i >= 0; i--) {
                int w = base + 2 * i;
                double previous = fractions[w];
                double weight = nextOnePortion * unUp[table + i];
                fractions[w] = weight;
                nextOnePortion = previous - weight * zeroFraction * down[table + i];
            }
        } else {
            for (int i = depth - 1; i >= 0; i--) {
                int w = base + 2 * i;
                fractions[w] = fractions[w] * unDown[table + i] / zeroFraction;
            }
        }
        // Shift the later elements' feature and fractions down over the removed one; the weights stay put.
        for (int i = pathIndex; i < depth; i++) {
            int to = 2 * (start + i);
            elements[to + FEATURE] = elements[to + 2 + FEATURE];
            elements[to + ONE] = elements[to + 2 + ONE];
            fractions[to + ZERO] = fractions[to + 2 + ZERO];
        }
    }
}

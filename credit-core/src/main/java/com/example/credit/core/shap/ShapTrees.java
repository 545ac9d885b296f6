package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;

/**
 * What every engine reads at every node, computed once per model into flat primitive arrays: each split's feature,
 * children and cover shares (the fractions of its training rows that go left and right), the leaf values, and for
 * each split the set of features tested anywhere below it (so the interaction values can skip subtrees the
 * conditioned feature never reaches). Immutable; shared by all walkers and threads of one {@link TreeShap}.
 */
final class ShapTrees {

    final Forest forest;
    final int[] feature;
    final int[] left;
    final int[] right;
    // The cover shares count(child) / count(split): the division LightGBM's TreeSHAP performs at every visit.
    final double[] leftShare;
    final double[] rightShare;
    final double[] leafValue;
    // featuresBelow[split * words + f / 64] has bit f % 64 set when feature f is tested in the split's subtree.
    private final long[] featuresBelow;
    private final int words;

    ShapTrees(Forest forest) {
        this.forest = forest;
        int splits = 0;
        for (int t = 0; t < forest.numTrees(); t++) {
            splits += forest.numLeaves(t) - 1;
        }
        feature = new int[splits];
        left = new int[splits];
        right = new int[splits];
        leftShare = new double[splits];
        rightShare = new double[splits];
        words = (forest.numFeatures() + 63) >>> 6;
        featuresBelow = new long[splits * words];
        for (int node = 0; node < splits; node++) {
            feature[node] = forest.splitFeature(node);
            left[node] = forest.leftChild(node);
            right[node] = forest.rightChild(node);
            double cover = forest.count(node);
            leftShare[node] = forest.count(left[node]) / cover;
            rightShare[node] = forest.count(right[node]) / cover;
        }
        leafValue = new double[forest.numLeaves()];
        for (int leaf = 0; leaf < leafValue.length; leaf++) {
            leafValue[leaf] = forest.leafValue(leaf);
        }
        for (int t = 0; t < forest.numTrees(); t++) {
            if (forest.root(t) >= 0) {
                collectFeaturesBelow(forest.root(t));
            }
        }
    }

    private void collectFeaturesBelow(int node) {
        int base = node * words;
        featuresBelow[base + (feature[node] >>> 6)] |= 1L << (feature[node] & 63);
        for (int child : new int[] {left[node], right[node]}) {
            if (child >= 0) {
                collectFeaturesBelow(child);
                for (int w = 0; w < words; w++) {
                    featuresBelow[base + w] |= featuresBelow[child * words + w];
                }
            }
        }
    }

    /** Whether {@code split} or any split below it tests feature {@code f}. */
    boolean testsBelow(int split, int f) {
        return (featuresBelow[split * words + (f >>> 6)] >>> (f & 63) & 1L) != 0;
    }

    /**
     * {@code ifOne} if {@code one} is 1, {@code ifZero} if it is 0, bit for bit and without a branch (the JIT
     * compiles a conditional expression of doubles to a branch, which a row's decisions would mispredict).
     */
    static double choose(int one, double ifOne, double ifZero) {
        long mask = -(long) one;
        return Double.longBitsToDouble(
                (Double.doubleToRawLongBits(ifOne) & mask) | (Double.doubleToRawLongBits(ifZero) & ~mask));
    }
}

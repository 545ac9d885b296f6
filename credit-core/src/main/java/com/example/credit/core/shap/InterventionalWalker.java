package com.example.credit.core.shap;

import com.example.credit.core.model.Forest;

/**
 * One walk of a tree for one explained row {@code x} and one background row {@code b}: the Shapley values of the
 * tree's game {@code v(S) = tree(x_S, b_rest)}, added to a vector (Lundberg et al., "From local explanations to
 * global understanding with explainable AI for trees", Nature Machine Intelligence 2, 2020, arXiv:1905.04610,
 * Methods, "Interventional Tree SHAP"; written here as a recursion of its own).
 *
 * <p>The walk follows every hybrid row {@code (x_S, b_rest)} at once. At a split where {@code x} and {@code b} take
 * the same branch, or whose feature an earlier split already gave to one of them, there is one branch to follow.
 * Where they part on a feature {@code f} not yet given, both branches are followed: {@code x}'s with {@code f} in
 * {@code Sx} (the features that must come from {@code x}), {@code b}'s with {@code f} in {@code Sb}. A leaf of value
 * {@code v} reached with {@code |Sx| = m} and {@code |Sb| = k} is the value of exactly the coalitions containing
 * {@code Sx} and none of {@code Sb}, a game whose Shapley values are {@code v W(m - 1, m + k)} for each feature of
 * {@code Sx} and {@code -v W(m, m + k)} for each of {@code Sb}, with {@code W(s, n) = s! (n - s - 1)! / n!}. Every
 * feature of {@code Sx} or {@code Sb} was decided at one split above the leaf, so a split that parts the rows
 * attributes to its feature the {@code Sx} shares of the leaves below {@code x}'s branch and the {@code Sb} shares
 * of those below {@code b}'s, and passes both sums up.
 *
 * <p>The decisions are the model's own ({@link Forest#child}, {@link Forest#goesLeft}), made before the walk:
 * {@link #prepare} stores {@code x}'s child at every split, the background's are bits from
 * {@link InterventionalShap}. Scratch of one thread at a time; a walk allocates nothing.
 */
final class InterventionalWalker {

    private static final byte UNDECIDED = 0;
    private static final byte FROM_ROW = 1;
    private static final byte FROM_BACKGROUND = 2;

    private final Forest forest;
    private final int[] feature;
    private final int[] left;
    private final int[] right;
    private final double[] leafValue;
    // W(s, n) at [n * stride + s].
    private final double[] weights;
    private final int stride;
    // Per split: the child the explained row goes to.
    private final int[] rowChild;
    // Per feature: which row the features decided so far on the current path come from.
    private final byte[] side;
    // The current walk: the background row's decision bits, where they start, and the output.
    private long[] backgroundLeft;
    private int offset;
    private double[] phi;
    // What the last visit returns: the sums over its leaves of the Sx share (v W(m - 1, n)) and of the Sb share
    // (-v W(m, n)).
    private double rowShare;
    private double backgroundShare;

    InterventionalWalker(ShapTrees trees, double[] weights, int stride) {
        this.forest = trees.forest;
        this.feature = trees.feature;
        this.left = trees.left;
        this.right = trees.right;
        this.leafValue = trees.leafValue;
        this.weights = weights;
        this.stride = stride;
        this.rowChild = new int[trees.feature.length];
        this.side = new byte[forest.numFeatures()];
    }

    /** Makes {@code row} the explained row: its child at every split, by the model's decision. */
    void prepare(double[] row) {
        for (int node = 0; node < rowChild.length; node++) {
            rowChild[node] = forest.child(node, row[feature[node]]);
        }
    }

    /**
     * Adds to {@code out} the Shapley values of the game of the tree rooted at split {@code root}, for the prepared
     * row and the background row whose decisions are the bits of {@code bits} from {@code bitOffset} (bit
     * {@code node % 64} of word {@code bitOffset + node / 64} is set when the row goes left at split {@code node}).
     */
    void walk(int root, long[] bits, int bitOffset, double[] out) {
        this.backgroundLeft = bits;
        this.offset = bitOffset;
        this.phi = out;
        visit(root, 0, 0);
    }

    private void visit(int start, int fromRow, int fromBackground) {
        int node = start;
        while (node >= 0) {
            int rowGoes = rowChild[node];
            int backgroundGoes = (backgroundLeft[offset + (node >>> 6)] >>> node & 1L) != 0 ? left[node] : right[node];
            int f = feature[node];
            byte decided = side[f];
            if (rowGoes == backgroundGoes || decided == FROM_ROW) {
                node = rowGoes;
            } else if (decided == FROM_BACKGROUND) {
                node = backgroundGoes;
            } else {
                side[f] = FROM_ROW;
                visit(rowGoes, fromRow + 1, fromBackground);
                double rowSideRowShare = rowShare;
                double rowSideBackgroundShare = backgroundShare;
                side[f] = FROM_BACKGROUND;
                visit(backgroundGoes, fromRow, fromBackground + 1);
                side[f] = UNDECIDED;
                phi[f] += rowSideRowShare + backgroundShare;
                rowShare += rowSideRowShare;
                backgroundShare += rowSideBackgroundShare;
                return;
            }
        }
        double value = leafValue[~node];
        int n = fromRow + fromBackground;
        rowShare = fromRow == 0 ? 0.0 : value * weights[n * stride + fromRow - 1];
        backgroundShare = fromBackground == 0 ? 0.0 : -value * weights[n * stride + fromRow];
    }

    /**
     * The Shapley weights {@code W(s, n) = s! (n - s - 1)! / n!} for {@code 1 <= n <= most} and {@code s < n}, at
     * {@code [n * (most + 1) + s]}: {@code W(0, n) = 1 / n}, then {@code W(s, n) = W(s - 1, n) s / (n - s)},
     * from both ends towards the middle (the weights are symmetric), so no factorial overflows.
     */
    static double[] weights(int most) {
        int stride = most + 1;
        double[] weights = new double[stride * stride];
        for (int n = 1; n <= most; n++) {
            double w = 1.0 / n;
            for (int s = 0; 2 * s <= n - 1; s++) {
                if (s > 0) {
                    w = w * s / (n - s);
                }
                weights[n * stride + s] = w;
                weights[n * stride + n - 1 - s] = w;
            }
        }
        return weights;
    }
}

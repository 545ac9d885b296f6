package com.example.credit.core.model;

/**
 * The decisions of one row, or of a block of rows, at the splits of a forest: the same decisions as
 * {@link Forest#child}, made without a branch on the rows' values. A walk that visits every node of a tree (TreeSHAP)
 * decides every split, and deciding them one by one inside the walk mispredicts about one branch in two, which cost
 * more than the walk's arithmetic; so the values are read once per row ({@link #prepare}) into what the splits
 * compare, and each decision is then integer arithmetic and one comparison of doubles (a block's numerical decisions
 * for the walks: arithmetic on doubles alone, which C2 vectorises). Not thread-safe; one per thread.
 */
public final class RowDecisions {

    private final Forest forest;
    private final int capacity;
    // Per feature and row ([f * capacity + r]), from the rows (prepare): the value a numerical split compares (0 for
    // NaN and for a value within kZeroThreshold of zero), missing bits (bit 0 NaN, bit 1 NaN or within
    // kZeroThreshold), and the category a categorical split looks up (static_cast<int> of the value; -1 for NaN, a
    // negative result, or 64 and over). The values themselves for a split with a left category of 64 or more.
    final double[] compared;
    final int[] missing;
    final int[] category;
    final double[] values;
    // The missing bits as 0.0 / 1.0 (NaN; NaN or within kZeroThreshold), and per-row scratch for a block's decisions
    // (a column of compared and of both missing flags, copied so that the decision's loop indexes all arrays alike).
    final double[] nanMissing;
    final double[] zeroMissing;
    final double[] column;
    final double[] nanColumn;
    final double[] zeroColumn;
    private int count;
    // Per split of the forest, for one row: 1 if it goes left, else 0, for the trees decided since prepare.
    private final byte[] left;
    // Whether decideAll decided every split since the last prepare (decideTree has nothing left to do).
    private boolean allDecided;

    /** Scratch for the decisions of one row at a time at the splits of {@code forest}. */
    public RowDecisions(Forest forest) {
        this(forest, 1);
    }

    /** Scratch for the decisions of up to {@code capacity} rows at a time at the splits of {@code forest}. */
    public RowDecisions(Forest forest, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a block of decisions holds at least 1 row, got " + capacity);
        }
        this.forest = forest;
        this.capacity = capacity;
        int cells = forest.numFeatures() * capacity;
        this.compared = new double[cells];
        this.missing = new int[cells];
        this.category = new int[cells];
        this.values = new double[cells];
        this.nanMissing = new double[cells];
        this.zeroMissing = new double[cells];
        this.column = new double[capacity];
        this.nanColumn = new double[capacity];
        this.zeroColumn = new double[capacity];
        int splits = 0;
        for (int t = 0; capacity == 1 && t < forest.numTrees(); t++) {
            splits += forest.numLeaves(t) - 1;
        }
        this.left = new byte[splits];
    }

    /** Starts one row: reads its values; call {@link #decideTree} for each tree before asking its decisions. */
    public void prepare(double[] row) {
        this.count = 1;
        this.allDecided = false;
        for (int f = 0; f < forest.numFeatures(); f++) {
            read(row[f], f * capacity);
        }
    }

    /** Starts a block: reads rows {@code first} to {@code first + count - 1} of {@code rows}. */
    public void prepare(double[][] rows, int first, int count) {
        if (count < 1 || count > capacity) {
            throw new IllegalArgumentException("a block holds 1 to " + capacity + " rows, got " + count);
        }
        this.count = count;
        for (int f = 0; f < forest.numFeatures(); f++) {
            for (int r = 0; r < count; r++) {
                read(rows[first + r][f], f * capacity + r);
            }
        }
    }

    private void read(double value, int at) {
        boolean nan = Double.isNaN(value);
        // The C API stores a value within kZeroThreshold of zero as 0 before any tree sees it.
        boolean zero = nan || Math.abs(value) <= Forest.ZERO_THRESHOLD;
        compared[at] = zero ? 0.0 : value;
        missing[at] = (nan ? 1 : 0) | (zero ? 2 : 0);
        nanMissing[at] = nan ? 1.0 : 0.0;
        zeroMissing[at] = zero ? 1.0 : 0.0;
        // Truncation towards zero like static_cast<int>: (-1, 0) gives category 0.
        category[at] = value > -1.0 && value < Long.SIZE ? (int) (zero ? 0.0 : value) : -1;
        values[at] = zero && !nan ? 0.0 : value;
    }

    /** The number of rows prepared. */
    public int count() {
        return count;
    }

    /**
     * Decides every split of the forest for the one row prepared, in one run over the splits (cheaper than a call per
     * tree when every tree is asked for); {@link #decideTree} then has nothing to do until the next row.
     */
    public void decideAll() {
        requireOneRow();
        forest.decide(0, left.length, this, left);
        allDecided = true;
    }

    /** Decides every split of {@code tree} for the one row prepared (in scratch for one row). */
    public void decideTree(int tree) {
        requireOneRow();
        if (allDecided) {
            return;
        }
        int root = forest.root(tree);
        if (root >= 0) {
            forest.decide(root, root + forest.numLeaves(tree) - 1, this, left);
        }
    }

    private void requireOneRow() {
        if (capacity != 1) {
            throw new IllegalStateException(
                    "decisions tree by tree are kept for one row, this scratch holds blocks of " + capacity);
        }
    }

    /**
     * 1 if the one row prepared goes left at split {@code node} (of a tree decided since {@link #prepare}), else 0: a
     * number, so that a walk can select by arithmetic instead of branching on it.
     */
    public int left(int node) {
        return left[node];
    }

    /** Decides split {@code node} for the block prepared: {@code out[r]} becomes 1.0 if row r goes left, else 0.0. */
    public void left(int node, double[] out) {
        forest.decide(node, this, capacity, count, out);
    }
}

package com.example.credit.core.shap;

import com.example.credit.core.model.RowDecisions;

/**
 * Scratch space for explaining rows with one {@link TreeShap}: the per-row state of its walkers and the buffers of
 * the interaction values. Not thread-safe; give each thread its own (or let {@link TreeShap} keep one per thread).
 */
public final class Workspace {

    private final TreeShap owner;
    // The decisions of the row being explained one at a time, and of the block being explained, prepared once each.
    final RowDecisions decisions;
    final RowDecisions blockDecisions;
    final PathWalker pathWalker;
    // Null when the engine takes no tree by quadrature.
    final QuadratureRowWalker rowWalker;
    final QuadratureBlockWalker blockWalker;
    final QuadratureInteractionWalker interactionWalker;
    final PatternTables.Block patternBlock;
    final LeafTables.Block tableBlock;
    // The interaction values' buffers: the row's SHAP values, and i's values with j held present (on) / absent (off).
    final double[] phi;
    final double[] on;
    final double[] off;
    // Per tree, its output for the row explained last one at a time (set for the trees of the pattern tables).
    final double[] treeOutputs;

    Workspace(TreeShap owner, ShapTrees trees, QuadratureShap quadrature) {
        this.owner = owner;
        this.decisions = new RowDecisions(trees.forest);
        this.blockDecisions = new RowDecisions(trees.forest, QuadratureBlockWalker.BLOCK);
        this.pathWalker = new PathWalker(trees);
        this.rowWalker = quadrature == null ? null : new QuadratureRowWalker(quadrature, decisions);
        this.blockWalker = quadrature == null ? null : new QuadratureBlockWalker(quadrature, blockDecisions);
        this.interactionWalker = quadrature == null ? null : new QuadratureInteractionWalker(quadrature, decisions);
        int numFeatures = trees.forest.numFeatures();
        this.patternBlock = new PatternTables.Block(numFeatures);
        this.tableBlock = new LeafTables.Block(trees.forest);
        this.phi = new double[numFeatures + 1];
        this.on = new double[numFeatures];
        this.off = new double[numFeatures];
        this.treeOutputs = new double[trees.forest.numTrees()];
    }

    /** Refuses a workspace of another instance, whose buffers are sized for another model. */
    void requireOwner(TreeShap treeShap) {
        if (treeShap != owner) {
            throw new IllegalArgumentException("this workspace belongs to another TreeShap instance, create one with"
                    + " newWorkspace() of the instance that uses it");
        }
    }
}

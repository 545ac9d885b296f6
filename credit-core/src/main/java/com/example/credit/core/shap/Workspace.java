package com.example.credit.core.shap;

/**
 * Scratch space for explaining rows with one {@link TreeShap}: the TreeSHAP path arrays and buffers for the
 * interaction algorithm. Not thread-safe; give each thread its own (or let {@link TreeShap} keep one per thread).
 */
public final class Workspace {

    private final TreeShap owner;
    private final PathWalker walker;
    private final QuadratureShap.Walker quadratureWalker;
    private final QuadratureBlockWalker blockWalker;
    final double[] phi;
    final double[] on;
    final double[] off;

    Workspace(TreeShap owner, ShapTrees trees, QuadratureShap quadrature) {
        this.owner = owner;
        this.walker = new PathWalker(trees);
        this.quadratureWalker = quadrature == null ? null : new QuadratureShap.Walker(quadrature);
        this.blockWalker = quadrature == null ? null : new QuadratureBlockWalker(quadrature);
        this.phi = new double[trees.forest.numFeatures() + 1];
        this.on = new double[trees.forest.numFeatures()];
        this.off = new double[trees.forest.numFeatures()];
    }

    PathWalker walkerFor(TreeShap treeShap) {
        if (treeShap != owner) {
            // The path arrays are sized for the owner's deepest tree; another model may need more.
            throw new IllegalArgumentException("this workspace belongs to another TreeShap instance, create one with"
                    + " newWorkspace() of the instance that uses it");
        }
        return walker;
    }

    /** The quadrature walker for blocks of rows; call only after {@link #walkerFor} has checked the owner. */
    QuadratureBlockWalker blockWalker() {
        return blockWalker;
    }

    /** The quadrature walker; call only after {@link #walkerFor} has checked the owner. */
    QuadratureShap.Walker quadratureWalker() {
        return quadratureWalker;
    }
}

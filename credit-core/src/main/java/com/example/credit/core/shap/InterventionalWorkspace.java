package com.example.credit.core.shap;

/**
 * Scratch space for explaining rows with one {@link InterventionalShap}: the walker's state and the contributions
 * against one background row. Not thread-safe; give each thread its own (or let {@link InterventionalShap} keep one
 * per thread).
 */
public final class InterventionalWorkspace {

    private final InterventionalShap owner;
    final InterventionalWalker walker;
    // The log-odds contributions of the explained row against the current background row.
    final double[] againstRow;

    InterventionalWorkspace(InterventionalShap owner, InterventionalWalker walker, int numFeatures) {
        this.owner = owner;
        this.walker = walker;
        this.againstRow = new double[numFeatures];
    }

    /** Refuses a workspace of another instance, whose buffers are sized for another model and background. */
    void requireOwner(InterventionalShap shap) {
        if (shap != owner) {
            throw new IllegalArgumentException("this workspace belongs to another InterventionalShap instance,"
                    + " create one with newWorkspace() of the instance that uses it");
        }
    }
}

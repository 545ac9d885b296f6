package com.example.credit.core.model;

import java.util.List;

/**
 * One regression tree of the ensemble, exactly as the model text stores it.
 *
 * <p>A tree with {@code n} leaves has {@code n - 1} splits; split 0 is the root. A one-leaf tree has no splits
 * and always outputs its single leaf value. The compact constructor checks that the child references form one
 * proper binary tree (every split and leaf reached exactly once from the root), so that a corrupt model fails
 * here instead of looping or reading out of bounds when it predicts.
 *
 * @param index the position of the tree in the model ({@code Tree=<index>})
 * @param splits the internal nodes
 * @param leaves the leaves
 * @param shrinkage the learning rate the leaf values were scaled with (informational)
 */
public record Tree(int index, List<Split> splits, List<Leaf> leaves, double shrinkage) {

    public Tree {
        splits = List.copyOf(splits);
        leaves = List.copyOf(leaves);
        if (leaves.isEmpty()) {
            throw new ModelFormatException("tree " + index + " has no leaves, a tree needs at least one");
        }
        if (splits.size() != leaves.size() - 1) {
            throw new ModelFormatException("tree " + index + " has " + splits.size() + " splits and " + leaves.size()
                    + " leaves, a binary tree has one split fewer than leaves");
        }
        if (!splits.isEmpty()) {
            checkStructure(index, splits, leaves.size());
        }
    }

    /** The number of leaves. */
    public int numLeaves() {
        return leaves.size();
    }

    /** The number of splits on the longest root-to-leaf path (0 for a one-leaf tree). */
    public int depth() {
        return splits.isEmpty() ? 0 : depthBelow(0);
    }

    private int depthBelow(int node) {
        Split split = splits.get(node);
        int left = split.leftChild() < 0 ? 0 : depthBelow(split.leftChild());
        int right = split.rightChild() < 0 ? 0 : depthBelow(split.rightChild());
        return 1 + Math.max(left, right);
    }

    private static void checkStructure(int index, List<Split> splits, int numLeaves) {
        // Every split but the root and every leaf must have exactly one parent. With n - 1 splits that gives
        // exactly 2n - 2 child slots, so the references can only be a tree or contain a detached cycle; the
        // walk from the root below rules out the cycle.
        int[] splitParents = new int[splits.size()];
        int[] leafParents = new int[numLeaves];
        for (int node = 0; node < splits.size(); node++) {
            for (int child :
                    new int[] {splits.get(node).leftChild(), splits.get(node).rightChild()}) {
                if (child >= 0) {
                    if (child == 0 || child >= splits.size()) {
                        throw new ModelFormatException("tree " + index + " split " + node + " has child " + child
                                + ", a child must be a leaf (negative) or a split other than the root below "
                                + splits.size());
                    }
                    splitParents[child]++;
                } else {
                    int leaf = ~child;
                    if (leaf >= numLeaves) {
                        throw new ModelFormatException("tree " + index + " split " + node + " has child " + child
                                + " (leaf " + leaf + "), the tree has " + numLeaves + " leaves");
                    }
                    leafParents[leaf]++;
                }
            }
        }
        for (int node = 1; node < splits.size(); node++) {
            requireOneParent(index, "split " + node, splitParents[node]);
        }
        for (int leaf = 0; leaf < numLeaves; leaf++) {
            requireOneParent(index, "leaf " + leaf, leafParents[leaf]);
        }
        if (reachableSplits(splits) != splits.size()) {
            throw new ModelFormatException(
                    "tree " + index + " has splits that the root does not reach, its children form a cycle");
        }
    }

    private static void requireOneParent(int index, String node, int parents) {
        if (parents != 1) {
            throw new ModelFormatException("tree " + index + " " + node + " is referenced by " + parents
                    + " splits, every node but the root must have exactly one parent");
        }
    }

    private static int reachableSplits(List<Split> splits) {
        int[] stack = new int[splits.size()];
        int size = 0;
        int reached = 0;
        stack[size++] = 0;
        while (size > 0) {
            Split split = splits.get(stack[--size]);
            reached++;
            if (split.leftChild() >= 0) {
                stack[size++] = split.leftChild();
            }
            if (split.rightChild() >= 0) {
                stack[size++] = split.rightChild();
            }
        }
        return reached;
    }
}

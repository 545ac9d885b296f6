/**
 * Exact path-dependent TreeSHAP contributions and interaction values for LightGBM models, equal to LightGBM's own,
 * and exact interventional TreeSHAP against background rows.
 *
 * <h2>The classes</h2>
 *
 * Built once per model, immutable, shared by all threads:
 *
 * <ul>
 *   <li>{@link com.example.credit.core.shap.TreeShap}, the entry point: chooses, per tree and once, which exact
 *       method explains it ({@link com.example.credit.core.shap.TreeShap.Engine}).
 *   <li>{@code ShapTrees}: what every method reads at a node, as flat arrays (features, children, cover shares,
 *       leaf values, the features tested below each split).
 *   <li>{@code PatternTables}: per tree of at most six splits, its SHAP and interaction values for every pattern of
 *       decisions at its splits, looked up per row (one decision per split, no walk).
 *   <li>{@code LeafTables}: per leaf, its Shapley values for every set of taken features, looked up per row
 *       (for trees whose paths test at most ten distinct features); a block of rows takes one walk of the tree.
 *   <li>{@code QuadratureShap}: the tables of the quadrature method (points, zero fractions, inverse factors).
 *   <li>{@code InteractionValues}: the interaction matrix by the conditioned path walk (engine {@code PATH_WALK}).
 *   <li>{@link com.example.credit.core.shap.InterventionalShap}: interventional TreeSHAP against background rows, with
 *       the background's decision at every split taken once, and its probability view
 *       ({@code interventional-probability/1}).
 * </ul>
 *
 * Per-thread scratch, held by a {@link com.example.credit.core.shap.Workspace}: {@code PathWalker} (LightGBM's
 * recursion, also conditioned for interaction values), {@code QuadratureRowWalker} (one row),
 * {@code QuadratureInteractionWalker} (interaction values of one row, all pairs in one walk per tree) and
 * {@code QuadratureBlockWalker} (up to 128 rows, the same bits per row), and two
 * {@link com.example.credit.core.model.RowDecisions} (one row, one block): every split's decision made before the walks,
 * without a branch on the row's values, which the walks then select by arithmetic instead of branching on them (a
 * row's decisions are coin flips to the branch predictor). {@code GaussLegendre} makes the rules.
 * {@link com.example.credit.core.shap.InterventionalWorkspace} holds {@code InterventionalWalker}, the one walk of a
 * tree for one row and one background row.
 *
 * <h2>How a call flows</h2>
 *
 * {@code contributions(row)} takes the thread's workspace, sets the bias to the expected value, then adds the
 * tiny trees by one look-up each (pattern tables), the table trees by look-up per leaf, the quadrature trees
 * through the row walker and (engine {@code PATH_WALK} only) the other trees through the path walker. {@code contributions(rows, out)} does the same per block of rows, each tree
 * once for the whole block. {@code interactions(row)} computes the row's contributions, then
 * {@code QuadratureInteractionWalker} walks every tree once, adding at each branch its term times the ratio of every
 * other feature above it (engine {@code PATH_WALK}: {@code InteractionValues} runs the path walk twice per (feature
 * {@code j}, tree splitting on {@code j}), with {@code j} held present and absent).
 *
 * <h2>Glossary (one name per idea, in every class)</h2>
 *
 * <dl>
 *   <dt>cover
 *   <dd>a node's training row count ({@code internal_count}, {@code leaf_count} in the model file). TreeSHAP
 *       weighs branches by covers, so every cover must be positive.
 *   <dt>cover share
 *   <dd>{@code count(child) / count(split)} of one branch ({@code ShapTrees.leftShare}, {@code rightShare}).
 *   <dt>zero fraction {@code z_f}
 *   <dd>for a feature {@code f} on the path to a node, the product of the cover shares of the path's branches at
 *       splits on {@code f}: the weight the path keeps when {@code f} is unknown.
 *   <dt>one fraction {@code p_f}
 *   <dd>1 if the row takes every branch of the path at splits on {@code f}, else 0: the weight the path keeps
 *       when {@code f} is known. A row is <em>present</em> for {@code f} at a split while {@code p_f} is still 1
 *       above it, <em>absent</em> otherwise; at a branch, a present row has either <em>taken</em> it or
 *       <em>skipped</em> it. <em>Hot</em> and <em>cold</em> (LightGBM's words) are the branch the row's value
 *       goes to and the other one.
 *   <dt>unique path
 *   <dd>LightGBM's list of path elements, one per distinct feature from the root to a node: feature, zero
 *       fraction, one fraction and permutation weight; a feature tested again is unwound and re-extended with
 *       the fractions combined ({@code PathWalker}).
 *   <dt>quadrature points
 *   <dd>the points {@code t_1..t_q} in (0, 1) and weights {@code w_1..w_q} of the Gauss–Legendre rule on [0, 1],
 *       exact for polynomials up to degree {@code 2q - 1}; a tree takes {@code q = ceil(d / 2)}, {@code d} the
 *       most distinct features on one of its paths.
 *   <dt>P(t)
 *   <dd>at a node, the product over the distinct features of its path of {@code z_f (1 - t) + p_f t}, at the
 *       tree's quadrature points (the walkers' {@code products}, per depth, computed on the way down).
 *   <dt>S(t)
 *   <dd>at a node, the sum of {@code v P(t)} over the leaves below it, {@code v} the leaf value (the interaction
 *       walker's {@code sums}, per depth, computed on the way up).
 *   <dt>R(t)
 *   <dd>at a node, {@code S(t) / P(t)}: the sum over the leaves below it of {@code v} times the factors of the
 *       splits between the node and the leaf (the SHAP walkers' {@code sums}: a split then attributes
 *       {@code (p - z) w e P R} per point, with no per-branch table).
 *   <dt>leaf pair
 *   <dd>a split whose two children are leaves, on a feature no earlier split on its path tests: its {@code R}
 *       is {@code base (1 - t) + v t} ({@code v} the value of the leaf the row takes) and it attributes
 *       {@code share w P} per point, {@code base} and {@code share} tabulated per split
 *       ({@code QuadratureShap.leafPairs}).
 * </dl>
 *
 * <h2>Sources</h2>
 *
 * <ul>
 *   <li>Lundberg, Erion, Lee, "Consistent Individualized Feature Attribution for Tree Ensembles",
 *       arXiv:1802.03888 (2018): path-dependent TreeSHAP (its Algorithm 2) and SHAP interaction values.
 *   <li>Lundberg et al., "From local explanations to global understanding with explainable AI for trees", Nature
 *       Machine Intelligence 2, 56–67 (2020), arXiv:1905.04610: interaction values; interventional TreeSHAP (Methods,
 *       "Interventional Tree SHAP"), which {@code InterventionalWalker} computes by a recursion of its own.
 *   <li>shap ({@code shap/cext/tree_shap.h}, {@code dense_independent}, shap 0.52; MIT licence, Copyright (c) 2018
 *       Scott Lundberg): the probability view's per-background-row secant rescaling (the method, not the code).
 *   <li>Yu, Xu, Bifet, Read, "Linear TreeShap", NeurIPS 2022, arXiv:2209.08192: the polynomial form behind the
 *       quadrature.
 *   <li>Yang, "Fast TreeSHAP: Accelerating SHAP Value Computation for Trees", arXiv:2109.09847: precomputed leaf
 *       tables (its v2).
 *   <li>LightGBM ({@code include/LightGBM/tree.h}, {@code src/io/tree.cpp}; MIT licence, Copyright (c) Microsoft
 *       Corporation): {@code PathWalker} follows {@code Tree::TreeSHAP} and its path functions, {@code TreeShap}'s
 *       expected value {@code Tree::ExpectedValue}; their headers say so.
 * </ul>
 *
 * Why the engines are what they are, with measurements: {@code docs/performance.md}.
 */
package com.example.credit.core.shap;

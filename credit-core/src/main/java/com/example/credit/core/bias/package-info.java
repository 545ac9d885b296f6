/**
 * Fairness: SageMaker Clarify's bias metrics on the protected attributes, before training (on the labels) and after
 * (on the labels and the model's predicted labels), and explanations by group. Pure functions on rows, no
 * framework, no I/O beyond producing JSON text.
 *
 * <ul>
 *   <li>{@link com.example.credit.core.bias.BiasAnalysis}, the entry point: {@code preTraining(rows, facets,
 *       groupVariable)} and {@code postTraining(rows, facets, groupVariable, threshold)} give a {@link
 *       com.example.credit.core.bias.BiasReport}.
 *   <li>{@link com.example.credit.core.bias.Facet}: the group compared with everyone else, one value of a
 *       categorical attribute or an interval (age threshold, age bands) of a numeric one.
 *   <li>{@link com.example.credit.core.bias.BiasMetric}: the metrics, their formulas and the Clarify page of each;
 *       {@link com.example.credit.core.bias.MetricResult}: a value or why there is none, a plain-language reading,
 *       notes.
 *   <li>{@link com.example.credit.core.bias.BiasReportJson} writes this project's report ({@code bias-pre.json},
 *       {@code bias-post.json}); {@link com.example.credit.core.bias.ClarifyAnalysisJson} the bias sections of
 *       Clarify's {@code analysis.json}.
 *   <li>{@link com.example.credit.core.bias.ExplanationsByGroup}: mean φ and mean |φ| per feature for a facet and
 *       for everyone else.
 * </ul>
 *
 * What the metrics mean, how to read a report and what they cannot say: {@code docs/fairness.md}.
 */
package com.example.credit.core.bias;

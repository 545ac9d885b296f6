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
 * <h2>Sources</h2>
 *
 * The definitions and names are those of the Amazon SageMaker Clarify developer guide, one page per metric (each
 * {@link com.example.credit.core.bias.BiasMetric} constant names its page), and the {@code analysis.json} shape its
 * page on analysis results shows. Where the pages leave a case open (zero denominators; groups without an outcome in
 * the conditional demographic disparity), the behaviour of Clarify's open-source implementation {@code smclarify}
 * (github.com/aws/amazon-sagemaker-clarify, {@code src/smclarify/bias/metrics}; Amazon Software License) is followed
 * and said so where it applies, except that its infinities become "no value and a note"; no code is taken from it.
 *
 * <p>What the metrics mean, how to read a report and what they cannot say: {@code docs/fairness.md}.
 */
package com.example.credit.core.bias;

/**
 * Global explanations over explained rows, for any explanation method: per feature, the mean |φ| and the SHAP-based
 * partial dependence (the mean φ of the feature by its value) beside the model's exact partial dependence.
 *
 * <ul>
 *   <li>{@link com.example.credit.core.dependence.PartialDependence}: the model's partial dependence on each feature
 *       over a set of rows, exact, after one walk per tree and row.
 *   <li>{@link com.example.credit.core.dependence.GlobalDependence}: the rows' SHAP values grouped by the feature's
 *       value where the model's decisions change, with the partial dependence of each group.
 *   <li>{@link com.example.credit.core.dependence.FeatureDependence}, {@link
 *       com.example.credit.core.dependence.ValueBin}: the results.
 * </ul>
 */
package com.example.credit.core.dependence;

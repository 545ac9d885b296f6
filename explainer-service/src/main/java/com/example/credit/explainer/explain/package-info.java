/** Pure explanation logic: one row's prediction and SHAP values, their probability view and the reason codes. */
package com.example.credit.explainer.explain;

/** Exact path-dependent TreeSHAP contributions and interaction values for LightGBM models, equal to LightGBM's own. */
package com.example.credit.core.shap;

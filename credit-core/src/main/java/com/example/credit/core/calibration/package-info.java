/**
 * Probability calibration of a model's raw score (log-odds): Platt scaling and isotonic regression, fitted on
 * out-of-fold predictions by training and applied by the explainer. Pure functions, no framework.
 */
package com.example.credit.core.calibration;

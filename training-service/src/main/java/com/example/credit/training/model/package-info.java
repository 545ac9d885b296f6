/** Gradient boosting with LightGBM: parameters, cross-validation, and the AUC and log-loss metrics. */
package com.example.credit.training.model;

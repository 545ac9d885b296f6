/** Quality measures of a binary classifier (AUC, ROC, log loss), shared by training and the dataset report. */
package com.example.credit.core.metrics;

/** The dataset report: reads batch outputs and labels, computes importance, AUC and ROC, and writes one self-contained HTML file. */
package com.example.credit.batch.report;

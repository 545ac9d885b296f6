/**
 * The dataset report: reads batch outputs and labels, indexes the run and writes its export (the dashboard's page
 * and views in one self-contained HTML file).
 */
package com.example.credit.batch.report;

/**
 * The explained runs as the dashboard reads them: a one-off index next to a batch output (summary aggregates,
 * quantile sketches, columns for filtering, a row_id index, and with labels and protected attributes the run's
 * fairness), and the queries on it.
 */
package com.example.credit.batch.runs;

/** Benchmarks of the TreeSHAP engine against LightGBM, of the explainer endpoint and of data generation and ETL. */
package com.example.credit.bench;

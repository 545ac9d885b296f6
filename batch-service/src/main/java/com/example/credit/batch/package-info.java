/** SageMaker Batch Transform for the credit explainer: one job description, an AWS and a local back end, and the dataset report. */
package com.example.credit.batch;

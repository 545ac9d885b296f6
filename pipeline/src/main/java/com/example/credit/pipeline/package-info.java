/**
 * The local main job: chains data generation, the Spark ETL, training, the explainer, the batch transform and the
 * report on embedded defaults, training and serving in-process or from their images.
 */
package com.example.credit.pipeline;

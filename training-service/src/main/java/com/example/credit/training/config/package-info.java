/** The run's configuration: SageMaker's config files and the validated hyperparameters. */
package com.example.credit.training.config;

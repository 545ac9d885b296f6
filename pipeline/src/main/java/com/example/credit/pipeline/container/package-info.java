/**
 * SageMaker local mode: the training and explainer images run through a container engine's CLI with the mounts
 * and arguments SageMaker gives them.
 */
package com.example.credit.pipeline.container;

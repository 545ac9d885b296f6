/** Tests of the explainer's container image, run through Testcontainers as SageMaker hosting runs it. */
package com.example.credit.explainer.container;

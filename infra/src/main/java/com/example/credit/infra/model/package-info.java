/** The model stack: ECR repositories, the SageMaker execution role and the optional real-time endpoint. */
package com.example.credit.infra.model;

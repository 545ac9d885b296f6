/** The SageMaker hosting container that serves credit-default predictions with exact TreeSHAP explanations. */
package com.example.credit.explainer;

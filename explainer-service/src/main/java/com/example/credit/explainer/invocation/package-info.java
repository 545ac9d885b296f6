/** The SageMaker invocation contract: content types, entity selection, record parsing and response shapes. */
package com.example.credit.explainer.invocation;

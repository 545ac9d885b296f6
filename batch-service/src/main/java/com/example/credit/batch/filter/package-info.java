/** The JSONPath subset SageMaker Batch Transform accepts in InputFilter and OutputFilter. */
package com.example.credit.batch.filter;

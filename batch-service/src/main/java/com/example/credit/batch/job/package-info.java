/** The transform job description shared by both back ends, validated with SageMaker's own rules. */
package com.example.credit.batch.job;

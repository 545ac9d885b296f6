/** The AWS back end: a SageMaker transform job through the AWS SDK v2, its wait, and the download of its outputs. */
package com.example.credit.batch.aws;

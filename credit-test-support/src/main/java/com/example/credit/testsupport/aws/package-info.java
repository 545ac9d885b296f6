/**
 * A loopback stand-in for the AWS services the pipeline drives (CloudFormation, Lambda, Glue, SageMaker, SageMaker
 * Runtime), speaking their wire protocols so that unmodified AWS SDK v2 clients run against it in tests.
 */
package com.example.credit.testsupport.aws;

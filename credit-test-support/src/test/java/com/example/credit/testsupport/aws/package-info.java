/** Checks AwsStandIn's wire protocols with the AWS SDK v2 clients of the services it stands in for. */
package com.example.credit.testsupport.aws;

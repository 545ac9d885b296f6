/**
 * The AWS target of the main job: the six stages on the deployed stacks through the AWS SDK, with a run record that
 * makes a run resumable.
 */
package com.example.credit.pipeline.aws;

package com.example.credit.batch.aws;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A completed SageMaker transform job.
 *
 * @param jobName the job's name
 * @param jobArn the job's ARN
 * @param statusChanges the statuses seen, in order (for example InProgress, Completed)
 * @param polls how many DescribeTransformJob calls it took
 * @param downloaded the output files fetched to the local folder, in key order
 */
public record AwsTransformResult(
        String jobName, String jobArn, List<String> statusChanges, int polls, List<Path> downloaded) {

    public AwsTransformResult {
        Objects.requireNonNull(jobName, "jobName");
        statusChanges = List.copyOf(statusChanges);
        downloaded = List.copyOf(downloaded);
    }
}

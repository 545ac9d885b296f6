package com.example.credit.infra.operator;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * What the operator policy names: the resources of the other three stacks that {@code run-pipeline.sh --target aws}
 * uses.
 *
 * @param stackNames the stacks the pipeline reads its outputs from (CloudFormation DescribeStacks)
 * @param bucket the data bucket
 * @param datagen the datagen Lambda
 * @param etlJobName the Glue ETL job's name
 * @param executionRole the SageMaker execution role the pipeline passes to training, models and transform jobs
 * @param imageRepositories the training and explainer image repositories, where the pipeline looks up the pushed
 *     tag's digest before it starts anything (ECR DescribeImages)
 */
public record OperatorProps(
        List<String> stackNames,
        IBucket bucket,
        IFunction datagen,
        String etlJobName,
        IRole executionRole,
        List<IRepository> imageRepositories) {

    public OperatorProps {
        stackNames = List.copyOf(stackNames);
        if (stackNames.isEmpty()) {
            throw new IllegalArgumentException("stackNames is empty: the pipeline reads at least one stack");
        }
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(datagen, "datagen");
        Objects.requireNonNull(etlJobName, "etlJobName");
        Objects.requireNonNull(executionRole, "executionRole");
        imageRepositories = List.copyOf(imageRepositories);
    }
}

package com.example.credit.pipeline.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Every name the AWS target needs, read from the outputs of the CDK app's three stacks (CloudFormation
 * DescribeStacks): nothing else is configured.
 *
 * @param bucket the data bucket ({@code <prefix>Data} output {@code DataBucketName})
 * @param datagenFunction the datagen Lambda ({@code DatagenFunctionName})
 * @param etlJob the Glue job ({@code <prefix>Etl} output {@code EtlJobName})
 * @param trainingRepository the training image's ECR repository URI ({@code <prefix>Model} output
 *     {@code TrainingRepositoryUri})
 * @param explainerRepository the explainer image's repository URI ({@code ExplainerRepositoryUri})
 * @param sageMakerRole the execution role of training, hosting and Batch Transform ({@code SageMakerRoleArn})
 */
public record DeployedStacks(
        String bucket,
        String datagenFunction,
        String etlJob,
        String trainingRepository,
        String explainerRepository,
        String sageMakerRole) {

    /** The outputs read, by stack suffix. */
    static final Map<String, List<String>> OUTPUTS = Map.of(
            "Data", List.of("DataBucketName", "DatagenFunctionName"),
            "Etl", List.of("EtlJobName"),
            "Model", List.of("TrainingRepositoryUri", "ExplainerRepositoryUri", "SageMakerRoleArn"));

    /** Stack states whose outputs are those of a finished deployment. */
    static final java.util.Set<String> USABLE =
            java.util.Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE");

    public DeployedStacks {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(datagenFunction, "datagenFunction");
        Objects.requireNonNull(etlJob, "etlJob");
        Objects.requireNonNull(trainingRepository, "trainingRepository");
        Objects.requireNonNull(explainerRepository, "explainerRepository");
        Objects.requireNonNull(sageMakerRole, "sageMakerRole");
    }

    /**
     * Reads the three stacks.
     *
     * @throws AwsStageException naming the stack that is not deployed (in which region) or the output it lacks
     */
    public static DeployedStacks read(CloudFormationClient cloudFormation, String prefix, String region) {
        Map<String, String> outputs = new HashMap<>();
        for (String suffix : List.of("Data", "Etl", "Model")) {
            String name = prefix + suffix;
            Stack stack = describe(cloudFormation, name, region);
            String status = stack.stackStatusAsString();
            if (!USABLE.contains(status)) {
                throw new AwsStageException("stack " + name + " in " + region + " is " + status
                        + ", not a finished deployment: wait for it, or deploy it with 'cd infra && npx aws-cdk@2 deploy --all' (docs/deploy.md,"
                        + " section 3)");
            }
            Map<String, String> stackOutputs = new HashMap<>();
            for (Output output : stack.outputs()) {
                stackOutputs.put(output.outputKey(), output.outputValue());
            }
            for (String key : OUTPUTS.get(suffix)) {
                String value = stackOutputs.get(key);
                if (value == null || value.isBlank()) {
                    throw new AwsStageException("stack " + name + " has no output " + key + ": it was deployed by an"
                            + " older version of the CDK app; deploy this one ('cd infra && npx aws-cdk@2 deploy"
                            + " --all')");
                }
                outputs.put(key, value);
            }
        }
        return new DeployedStacks(
                outputs.get("DataBucketName"),
                outputs.get("DatagenFunctionName"),
                outputs.get("EtlJobName"),
                outputs.get("TrainingRepositoryUri"),
                outputs.get("ExplainerRepositoryUri"),
                outputs.get("SageMakerRoleArn"));
    }

    private static Stack describe(CloudFormationClient cloudFormation, String name, String region) {
        try {
            List<Stack> stacks = cloudFormation
                    .describeStacks(request -> request.stackName(name))
                    .stacks();
            if (stacks.isEmpty()) {
                throw notDeployed(name, region, null);
            }
            return stacks.get(0);
        } catch (CloudFormationException e) {
            String message =
                    e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
            if (message != null && message.contains("does not exist")) {
                throw notDeployed(name, region, e);
            }
            throw AwsFailures.explain("reading stack " + name + " (CloudFormation DescribeStacks)", e);
        } catch (SdkException e) {
            throw AwsFailures.explain("reading stack " + name + " (CloudFormation DescribeStacks)", e);
        }
    }

    private static AwsStageException notDeployed(String name, String region, Throwable cause) {
        return new AwsStageException(
                "stack " + name + " is not deployed in " + region + ": deploy the CDK app there ('cd infra && npx"
                        + " aws-cdk@2 deploy --all', docs/deploy.md section 3), or pass the --region and"
                        + " --stack-prefix it was deployed with",
                cause);
    }
}

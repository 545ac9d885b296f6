package com.example.credit.infra.model;

import com.example.credit.infra.AppSettings;
import com.example.credit.infra.DataPrefix;
import com.example.credit.infra.Nag;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sagemaker.CfnEndpoint;
import software.amazon.awscdk.services.sagemaker.CfnEndpointConfig;
import software.amazon.awscdk.services.sagemaker.CfnModel;
import software.constructs.Construct;

/**
 * The SageMaker side: ECR repositories for the training and explainer images (pushed with Jib), one execution role
 * for training jobs, the endpoint and Batch Transform, and, behind the context flag {@code endpoint=true}, the
 * model, endpoint configuration and real-time endpoint serving a trained {@code model.tar.gz}.
 */
public final class ModelStack extends Stack {

    private final Repository trainingRepository;
    private final Repository explainerRepository;
    private final Role executionRole;
    private final CfnEndpoint endpoint;

    public ModelStack(Construct scope, String id, StackProps stackProps, ModelProps props) {
        super(scope, id, stackProps);
        this.trainingRepository = repository("TrainingRepository");
        this.explainerRepository = repository("ExplainerRepository");
        this.executionRole = executionRole(props.bucket());
        this.endpoint = props.settings().deployEndpoint() ? endpoint(props) : null;

        output("TrainingRepositoryUri", trainingRepository.getRepositoryUri(), "Push the training image here (Jib)");
        output("ExplainerRepositoryUri", explainerRepository.getRepositoryUri(), "Push the explainer image here");
        output("SageMakerRoleArn", executionRole.getRoleArn(), "Role for training, hosting and Batch Transform");
    }

    /** The training image repository. */
    public Repository trainingRepository() {
        return trainingRepository;
    }

    /** The explainer image repository. */
    public Repository explainerRepository() {
        return explainerRepository;
    }

    /** The SageMaker execution role. */
    public Role executionRole() {
        return executionRole;
    }

    /** Whether this stack serves a model (context {@code endpoint=true}). */
    public boolean hasEndpoint() {
        return endpoint != null;
    }

    private Repository repository(String id) {
        return Repository.Builder.create(this, id)
                .imageScanOnPush(true)
                .lifecycleRules(List.of(
                        LifecycleRule.builder()
                                .rulePriority(1)
                                .description("Untagged layers left behind by re-pushed tags")
                                .tagStatus(TagStatus.UNTAGGED)
                                .maxImageAge(Duration.days(7))
                                .build(),
                        LifecycleRule.builder()
                                .rulePriority(2)
                                .description("Keep the 20 newest images")
                                .tagStatus(TagStatus.ANY)
                                .maxImageCount(20)
                                .build()))
                // Images outlive the stack like the data; docs/deploy.md shows how to delete them.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private Role executionRole(IBucket bucket) {
        Role role = Role.Builder.create(this, "SageMakerExecutionRole")
                .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
                .description("SageMaker training, hosting and Batch Transform of the credit model")
                .build();
        // SageMaker's File input mode lists each channel prefix before it downloads it.
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ListReadablePrefixes")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of(
                        "StringLike",
                        Map.of(
                                "s3:prefix",
                                List.of(
                                        DataPrefix.PREPARED.objects(),
                                        DataPrefix.MODELS.objects(),
                                        DataPrefix.BATCH_INPUT.objects()))))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ReadChannelsModelsAndBatchInput")
                .actions(List.of("s3:GetObject"))
                .resources(List.of(
                        bucket.arnForObjects(DataPrefix.PREPARED.objects()),
                        bucket.arnForObjects(DataPrefix.MODELS.objects()),
                        bucket.arnForObjects(DataPrefix.BATCH_INPUT.objects())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("WriteModelsAndBatchOutput")
                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
                .resources(List.of(
                        bucket.arnForObjects(DataPrefix.MODELS.objects()),
                        bucket.arnForObjects(DataPrefix.BATCH_OUTPUT.objects())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("PullOwnImages")
                .actions(List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"))
                .resources(List.of(trainingRepository.getRepositoryArn(), explainerRepository.getRepositoryArn()))
                .build());
        // Neither call supports a resource ARN; the metrics are limited to SageMaker's namespaces.
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("EcrLogin")
                .actions(List.of("ecr:GetAuthorizationToken"))
                .resources(List.of("*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("PublishSageMakerMetrics")
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringLike", Map.of("cloudwatch:namespace", "/aws/sagemaker/*")))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("WriteSageMakerLogs")
                .actions(List.of(
                        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
                .resources(List.of("arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                        + ":log-group:/aws/sagemaker/*"))
                .build());
        Nag.suppressFindings(
                role,
                "AwsSolutions-IAM5",
                "Training, hosting and Batch Transform read and write objects of per-job names below the prefixes"
                        + " prepared/, models/, batch/input/ and batch/output/ of this bucket only; SageMaker creates"
                        + " one log group per job type and one stream per job or instance below /aws/sagemaker/;"
                        + " ecr:GetAuthorizationToken and cloudwatch:PutMetricData support no resource ARN (the"
                        + " latter is limited by the cloudwatch:namespace condition).",
                Nag.dataBucketObjects(
                        DataPrefix.PREPARED.key(),
                        DataPrefix.MODELS.key(),
                        DataPrefix.BATCH_INPUT.key(),
                        DataPrefix.BATCH_OUTPUT.key()),
                "Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/sagemaker/*",
                "Resource::*");
        return role;
    }

    private CfnEndpoint endpoint(ModelProps props) {
        AppSettings settings = props.settings();
        CfnParameter imageTag = CfnParameter.Builder.create(this, "ExplainerImageTag")
                .type("String")
                .defaultValue("latest")
                .description("Tag of the explainer image in the explainer repository")
                .build();
        CfnParameter modelDataKey = CfnParameter.Builder.create(this, "ModelDataKey")
                .type("String")
                .allowedPattern("^" + DataPrefix.MODELS.key() + "/.+\\.tar\\.gz$")
                .description("Key of the trained model.tar.gz in the data bucket, e.g."
                        + " models/<training-job>/output/model.tar.gz")
                .build();
        CfnParameter instanceType = CfnParameter.Builder.create(this, "EndpointInstanceType")
                .type("String")
                .defaultValue(settings.endpointInstanceType())
                .allowedPattern(AppSettings.INSTANCE_TYPE.pattern())
                .description("SageMaker hosting instance type")
                .build();
        CfnParameter instanceCount = CfnParameter.Builder.create(this, "EndpointInstanceCount")
                .type("Number")
                .defaultValue(settings.endpointInstanceCount())
                .minValue(1)
                .description("Number of hosting instances")
                .build();

        CfnModel model = CfnModel.Builder.create(this, "ExplainerModel")
                .executionRoleArn(executionRole.getRoleArn())
                .primaryContainer(CfnModel.ContainerDefinitionProperty.builder()
                        .image(explainerRepository.repositoryUriForTag(imageTag.getValueAsString()))
                        .modelDataUrl("s3://" + props.bucket().getBucketName() + "/" + modelDataKey.getValueAsString())
                        .mode("SingleModel")
                        .build())
                .build();
        // SageMaker checks image and model access while it creates the model: the policy must exist first.
        model.getNode().addDependency(executionRole);
        CfnEndpointConfig config = CfnEndpointConfig.Builder.create(this, "ExplainerEndpointConfig")
                .productionVariants(List.of(CfnEndpointConfig.ProductionVariantProperty.builder()
                        .variantName("AllTraffic")
                        .modelName(model.getAttrModelName())
                        .instanceType(instanceType.getValueAsString())
                        .initialInstanceCount(instanceCount.getValueAsNumber())
                        .initialVariantWeight(1)
                        .build()))
                .build();
        CfnEndpoint created = CfnEndpoint.Builder.create(this, "ExplainerEndpoint")
                .endpointConfigName(config.getAttrEndpointConfigName())
                .build();
        output("ModelName", model.getAttrModelName(), "SageMaker model (also usable by Batch Transform)");
        output(
                "EndpointName",
                created.getAttrEndpointName(),
                "aws sagemaker-runtime invoke-endpoint --endpoint-name ...");
        return created;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}

package com.example.credit.infra.model;

import com.example.credit.infra.AppSettings;
import com.example.credit.infra.CaptureSettings;
import com.example.credit.infra.DataPrefix;
import com.example.credit.infra.Nag;
import java.util.ArrayList;
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
 * model, endpoint configuration and real-time endpoint serving a trained {@code model.tar.gz}, with what operators
 * run it by: auto scaling of its variant, alarms, a dashboard and optional data capture.
 */
public final class ModelStack extends Stack {

    /** The endpoint's one production variant. */
    public static final String VARIANT = "AllTraffic";

    private final Repository trainingRepository;
    private final Repository explainerRepository;
    private final Role executionRole;
    private final CfnEndpoint endpoint;
    private EndpointAutoScaling autoScaling;
    private EndpointMonitoring monitoring;

    public ModelStack(Construct scope, String id, StackProps stackProps, ModelProps props) {
        super(scope, id, stackProps);
        AppSettings settings = props.settings();
        this.trainingRepository = repository("TrainingRepository");
        this.explainerRepository = repository("ExplainerRepository");
        this.executionRole = executionRole(props.bucket(), capturesData(settings));
        this.endpoint = settings.deployEndpoint() ? endpoint(props) : null;

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

    /** The endpoint's auto scaling, or null without an endpoint or for a fixed fleet. */
    public EndpointAutoScaling autoScaling() {
        return autoScaling;
    }

    /** The endpoint's alarms and dashboard, or null without an endpoint. */
    public EndpointMonitoring monitoring() {
        return monitoring;
    }

    /** Data capture needs an endpoint: the context flag alone grants nothing. */
    private static boolean capturesData(AppSettings settings) {
        return settings.deployEndpoint() && settings.capture().enabled();
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

    private Role executionRole(IBucket bucket, boolean captureData) {
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
        List<String> writtenPrefixes = new ArrayList<>(List.of(
                DataPrefix.PREPARED.key(),
                DataPrefix.MODELS.key(),
                DataPrefix.BATCH_INPUT.key(),
                DataPrefix.BATCH_OUTPUT.key()));
        if (captureData) {
            // The endpoint writes captured requests and responses as this role; nothing else may go there.
            role.addToPolicy(PolicyStatement.Builder.create()
                    .sid("WriteDataCapture")
                    .actions(List.of("s3:PutObject"))
                    .resources(List.of(bucket.arnForObjects(DataPrefix.DATA_CAPTURE.objects())))
                    .build());
            writtenPrefixes.add(DataPrefix.DATA_CAPTURE.key());
        }
        Nag.suppressFindings(
                role,
                "AwsSolutions-IAM5",
                "Training, hosting and Batch Transform read and write objects of per-job names below the prefixes"
                        + " prepared/, models/, batch/input/ and batch/output/ (and, with data capture, write below"
                        + " datacapture/) of this bucket only; SageMaker creates one log group per job type and one"
                        + " stream per job or instance below /aws/sagemaker/; ecr:GetAuthorizationToken and"
                        + " cloudwatch:PutMetricData support no resource ARN (the latter is limited by the"
                        + " cloudwatch:namespace condition).",
                Nag.dataBucketObjects(writtenPrefixes.toArray(String[]::new)),
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
        CfnEndpointConfig.Builder config = CfnEndpointConfig.Builder.create(this, "ExplainerEndpointConfig")
                .productionVariants(List.of(CfnEndpointConfig.ProductionVariantProperty.builder()
                        .variantName(VARIANT)
                        .modelName(model.getAttrModelName())
                        .instanceType(instanceType.getValueAsString())
                        .initialInstanceCount(instanceCount.getValueAsNumber())
                        .initialVariantWeight(1)
                        .build()));
        if (capturesData(settings)) {
            config.dataCaptureConfig(dataCapture(props.bucket(), settings.capture()));
        }
        CfnEndpoint.Builder created = CfnEndpoint.Builder.create(this, "ExplainerEndpoint")
                .endpointConfigName(config.build().getAttrEndpointConfigName());
        if (settings.scaling().autoscales()) {
            // A new model replaces the endpoint configuration and updates the endpoint; without this the update
            // resets the variant to EndpointInstanceCount and undoes the scaling. Capture settings still follow
            // the new configuration.
            created.retainAllVariantProperties(true)
                    .excludeRetainedVariantProperties(List.of(CfnEndpoint.VariantPropertyProperty.builder()
                            .variantPropertyType("DataCaptureConfig")
                            .build()));
        }
        CfnEndpoint serving = created.build();
        String endpointName = serving.getAttrEndpointName();
        output("ModelName", model.getAttrModelName(), "SageMaker model (also usable by Batch Transform)");
        output("EndpointName", endpointName, "aws sagemaker-runtime invoke-endpoint --endpoint-name ...");

        if (settings.scaling().autoscales()) {
            this.autoScaling = new EndpointAutoScaling(this, "AutoScaling", endpointName, settings.scaling());
            output(
                    "ScalingResourceId",
                    autoScaling.resourceId(),
                    "aws application-autoscaling describe-scaling-activities --service-namespace sagemaker"
                            + " --resource-id ...");
        }
        this.monitoring = new EndpointMonitoring(this, "Monitoring", endpointName, settings);
        outputMonitoring(monitoring);
        if (capturesData(settings)) {
            output(
                    "DataCaptureUri",
                    DataPrefix.DATA_CAPTURE.uri(props.bucket().getBucketName()),
                    "Sampled requests and responses: <endpoint>/AllTraffic/yyyy/mm/dd/hh/*.jsonl");
        }
        return serving;
    }

    /**
     * Capture of sampled requests and responses below {@code datacapture/}. JSON and JSON Lines are stored as text,
     * CSV too; SageMaker encodes other content types in base64.
     */
    private static CfnEndpointConfig.DataCaptureConfigProperty dataCapture(IBucket bucket, CaptureSettings capture) {
        return CfnEndpointConfig.DataCaptureConfigProperty.builder()
                .enableCapture(true)
                .initialSamplingPercentage(capture.samplePercent())
                .destinationS3Uri(DataPrefix.DATA_CAPTURE.uri(bucket.getBucketName()))
                .captureOptions(List.of(
                        CfnEndpointConfig.CaptureOptionProperty.builder()
                                .captureMode("Input")
                                .build(),
                        CfnEndpointConfig.CaptureOptionProperty.builder()
                                .captureMode("Output")
                                .build()))
                .captureContentTypeHeader(CfnEndpointConfig.CaptureContentTypeHeaderProperty.builder()
                        .jsonContentTypes(List.of("application/json", "application/jsonlines"))
                        .csvContentTypes(List.of("text/csv"))
                        .build())
                .build();
    }

    private void outputMonitoring(EndpointMonitoring endpointMonitoring) {
        String dashboardName = endpointMonitoring.dashboard().getDashboardName();
        output("DashboardName", dashboardName, "CloudWatch dashboard of the endpoint");
        output(
                "DashboardUrl",
                "https://console.aws.amazon.com/cloudwatch/home?region=" + Aws.REGION + "#dashboards:name="
                        + dashboardName,
                "The dashboard in the CloudWatch console");
        output("Alarm4xxRateName", endpointMonitoring.error4xxRate().getAlarmName(), "Alarm: 4xx rate");
        output("Alarm5xxRateName", endpointMonitoring.error5xxRate().getAlarmName(), "Alarm: 5xx rate");
        output("AlarmModelLatencyName", endpointMonitoring.modelLatency().getAlarmName(), "Alarm: p99 ModelLatency");
        output("AlarmCpuName", endpointMonitoring.cpu().getAlarmName(), "Alarm: CPUUtilization");
        if (endpointMonitoring.topic() != null) {
            output(
                    "AlarmTopicArn",
                    endpointMonitoring.topic().getTopicArn(),
                    "SNS topic of the alarms (confirm the e-mail subscription first)");
        }
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}

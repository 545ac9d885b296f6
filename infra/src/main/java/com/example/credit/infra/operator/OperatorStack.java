package com.example.credit.infra.operator;

import com.example.credit.infra.DataPrefix;
import com.example.credit.infra.Nag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The managed policy {@code CreditPipelineOperator-<region>}: exactly the calls {@code run-pipeline.sh --target aws}
 * makes, on exactly the resources of this app and the SageMaker resources the pipeline names {@code credit-*}.
 * Attach it to the user, group or role that runs the pipeline.
 *
 * <p>A stack of its own: the policy names resources of all three other stacks, it changes rarely, and CloudFormation
 * cannot delete a managed policy that is still attached, which should block nothing but this stack's deletion.
 */
public final class OperatorStack extends Stack {

    /** The policy's name without the region suffix (IAM names are global to the account, stacks are regional). */
    public static final String POLICY_NAME = "CreditPipelineOperator";

    /** Every SageMaker resource the pipeline creates is named {@code credit-...} (ARNs carry names in lower case). */
    public static final String SAGEMAKER_NAME_PREFIX = "credit-";

    /** Tag key of the project: the app tags every stack resource with it, the pipeline every resource it creates. */
    public static final String PROJECT_TAG = "project";

    /** Value of {@link #PROJECT_TAG}. */
    public static final String PROJECT = "credit-decisions-explained";

    /** Tag key of the pipeline run that created a SageMaker resource. */
    public static final String RUN_TAG = "credit-run";

    /** SageMaker resource types the pipeline creates, as they appear in ARNs. */
    static final List<String> SAGEMAKER_TYPES =
            List.of("training-job", "model", "endpoint-config", "endpoint", "transform-job");

    /** What the pipeline lists: its inputs and outputs, batch/input/ and batch/output/ through batch/. */
    static final List<String> LISTED_PREFIXES = List.of(
            DataPrefix.RAW.objects(),
            DataPrefix.PREPARED.objects(),
            DataPrefix.MODELS.objects(),
            "batch/*",
            DataPrefix.RUNS.objects());

    static final List<DataPrefix> READ_PREFIXES =
            List.of(DataPrefix.RAW, DataPrefix.PREPARED, DataPrefix.MODELS, DataPrefix.BATCH_OUTPUT, DataPrefix.RUNS);

    static final List<DataPrefix> WRITE_PREFIXES = List.of(DataPrefix.BATCH_INPUT, DataPrefix.RUNS);

    private final ManagedPolicy policy;

    public OperatorStack(Construct scope, String id, StackProps stackProps, OperatorProps props) {
        super(scope, id, stackProps);
        this.policy = ManagedPolicy.Builder.create(this, "PipelineOperator")
                .managedPolicyName(POLICY_NAME + "-" + Aws.REGION)
                .description("Runs ./run-pipeline.sh --target aws against the stacks "
                        + String.join(", ", props.stackNames()) + " (datagen Lambda, Glue ETL job, SageMaker"
                        + " resources named credit-*, the data bucket)")
                .statements(statements(props))
                .build();
        nagFindings(props);
        CfnOutput.Builder.create(this, "OperatorPolicyArn")
                .value(policy.getManagedPolicyArn())
                .description("aws iam attach-user-policy (or attach-role-policy) --policy-arn ...")
                .build();
    }

    /** The operator policy. */
    public ManagedPolicy policy() {
        return policy;
    }

    private static List<PolicyStatement> statements(OperatorProps props) {
        IBucket bucket = props.bucket();
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(statement(
                "ReadPipelineStackOutputs",
                List.of("cloudformation:DescribeStacks"),
                props.stackNames().stream().map(OperatorStack::stackArn).toList()));
        // Synchronous and asynchronous (InvocationType Event) invocations are the same action.
        statements.add(statement(
                "InvokeDatagen",
                List.of("lambda:InvokeFunction"),
                List.of(props.datagen().getFunctionArn())));
        // The run pins the images by digest before it starts anything; an image that is not pushed fails it there.
        statements.add(statement(
                "FindPushedImages",
                List.of("ecr:DescribeImages"),
                props.imageRepositories().stream()
                        .map(IRepository::getRepositoryArn)
                        .toList()));
        statements.add(statement(
                "RunEtlJob",
                List.of("glue:StartJobRun", "glue:GetJobRun", "glue:BatchStopJobRun"),
                List.of(arn("glue", "job/" + props.etlJobName()))));

        // Creating with Tags is also sagemaker:AddTags on the new resource. Both must carry the project tag and no
        // tag keys but the two the pipeline sets.
        statements.add(PolicyStatement.Builder.create()
                .sid("CreateTaggedSageMakerResources")
                .actions(List.of(
                        "sagemaker:CreateTrainingJob",
                        "sagemaker:CreateModel",
                        "sagemaker:CreateEndpointConfig",
                        // CreateEndpoint is authorized against the endpoint and the endpoint configuration it uses.
                        "sagemaker:CreateEndpoint",
                        "sagemaker:CreateTransformJob",
                        "sagemaker:AddTags"))
                .resources(SAGEMAKER_TYPES.stream()
                        .map(OperatorStack::sageMakerArn)
                        .toList())
                .conditions(Map.of(
                        "StringEquals",
                        Map.of("aws:RequestTag/" + PROJECT_TAG, PROJECT),
                        "ForAllValues:StringEquals",
                        Map.of("aws:TagKeys", List.of(PROJECT_TAG, RUN_TAG))))
                .build());
        statements.add(statement(
                "ManageTrainingJobs",
                List.of("sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"),
                List.of(sageMakerArn("training-job"))));
        statements.add(statement(
                "ManageModels",
                List.of("sagemaker:DescribeModel", "sagemaker:DeleteModel"),
                List.of(sageMakerArn("model"))));
        statements.add(statement(
                "ManageEndpointConfigs",
                List.of("sagemaker:DescribeEndpointConfig", "sagemaker:DeleteEndpointConfig"),
                List.of(sageMakerArn("endpoint-config"))));
        statements.add(statement(
                "ManageAndInvokeEndpoints",
                List.of("sagemaker:DescribeEndpoint", "sagemaker:DeleteEndpoint", "sagemaker:InvokeEndpoint"),
                List.of(sageMakerArn("endpoint"))));
        // Like CreateEndpoint, UpdateEndpoint is authorized against the new endpoint configuration as well.
        statements.add(statement(
                "UpdateEndpoints",
                List.of("sagemaker:UpdateEndpoint"),
                List.of(sageMakerArn("endpoint"), sageMakerArn("endpoint-config"))));
        statements.add(statement(
                "ManageTransformJobs",
                List.of("sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob"),
                List.of(sageMakerArn("transform-job"))));
        statements.add(PolicyStatement.Builder.create()
                .sid("PassExecutionRoleToSageMaker")
                .actions(List.of("iam:PassRole"))
                .resources(List.of(props.executionRole().getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")))
                .build());

        // The data bucket is SSE-S3 (DataStack): no KMS permissions are needed to read or write it.
        statements.add(PolicyStatement.Builder.create()
                .sid("ListPipelinePrefixes")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", LISTED_PREFIXES)))
                .build());
        statements.add(statement(
                "ReadPipelineObjects",
                List.of("s3:GetObject"),
                READ_PREFIXES.stream()
                        .map(prefix -> bucket.arnForObjects(prefix.objects()))
                        .toList()));
        // CopyObject of the test split into batch/input/<run-id>/ is GetObject on the source and PutObject here;
        // runs/<run-id>/run.json is the pipeline's run record.
        statements.add(statement(
                "WriteBatchInputAndRunRecords",
                List.of("s3:PutObject"),
                WRITE_PREFIXES.stream()
                        .map(prefix -> bucket.arnForObjects(prefix.objects()))
                        .toList()));
        return statements;
    }

    private void nagFindings(OperatorProps props) {
        List<String> findings = new ArrayList<>();
        props.stackNames()
                .forEach(name -> findings.add("Resource::" + nagArn("cloudformation", "stack/" + name + "/*")));
        SAGEMAKER_TYPES.forEach(
                type -> findings.add("Resource::" + nagArn("sagemaker", type + "/" + SAGEMAKER_NAME_PREFIX + "*")));
        List<String> objectPrefixes = new ArrayList<>();
        READ_PREFIXES.forEach(prefix -> objectPrefixes.add(prefix.key()));
        WRITE_PREFIXES.stream()
                .map(DataPrefix::key)
                .filter(key -> !objectPrefixes.contains(key))
                .forEach(objectPrefixes::add);
        findings.add(Nag.dataBucketObjects(objectPrefixes.toArray(String[]::new)));
        Nag.suppressFindings(
                policy,
                "AwsSolutions-IAM5",
                "The pipeline reads the outputs of its three stacks, whose ARNs end in a stack id CloudFormation"
                        + " assigns (stack/<name>/*); it creates and manages SageMaker jobs, models, endpoint"
                        + " configurations and endpoints of per-run names, all below the name prefix credit- (creation"
                        + " only with the project tag); it reads and writes per-run objects below the named prefixes"
                        + " of the data bucket only.",
                findings.toArray(String[]::new));
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .actions(actions)
                .resources(resources)
                .build();
    }

    /** Stack ARNs end in a UUID CloudFormation assigns: {@code stack/CreditData/<uuid>}. */
    private static String stackArn(String stackName) {
        return arn("cloudformation", "stack/" + stackName + "/*");
    }

    private static String sageMakerArn(String type) {
        return arn("sagemaker", type + "/" + SAGEMAKER_NAME_PREFIX + "*");
    }

    /** Pseudo parameters rather than the stack's environment, so that the template is the same in every account. */
    private static String arn(String service, String resource) {
        return "arn:" + Aws.PARTITION + ":" + service + ":" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":" + resource;
    }

    /** The same ARN as cdk-nag prints it in a finding. */
    private static String nagArn(String service, String resource) {
        return "arn:<AWS::Partition>:" + service + ":<AWS::Region>:<AWS::AccountId>:" + resource;
    }
}

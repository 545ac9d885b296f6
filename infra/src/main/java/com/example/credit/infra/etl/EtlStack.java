package com.example.credit.infra.etl;

import com.example.credit.infra.DataPrefix;
import com.example.credit.infra.Nag;
import com.example.credit.infra.data.DataStack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnJob;
import software.amazon.awscdk.services.glue.CfnSecurityConfiguration;
import software.amazon.awscdk.services.glue.CfnTrigger;
import software.amazon.awscdk.services.glue.CfnWorkflow;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The Glue side of the pipeline: a catalog database for the prepared data, the Glue 5.0 Spark job that runs
 * {@code com.example.credit.etl.glue.GlueEntry} from the ETL jar, and a workflow whose on-demand trigger starts
 * it once datagen has written {@code raw/<run>/_SUCCESS}.
 */
public final class EtlStack extends Stack {

    /** Glue 5.0: Spark 3.5, Scala 2.12, Java 17 — what the ETL module is built against. */
    public static final String GLUE_VERSION = "5.0";

    /** The class of the thin script; it only calls {@code com.example.credit.etl.glue.GlueEntry.main}. */
    public static final String ENTRY_CLASS = "GlueApp";

    private final Role role;
    private final CfnJob job;
    private final CfnWorkflow workflow;

    public EtlStack(Construct scope, String id, StackProps stackProps, EtlProps props) {
        super(scope, id, stackProps);
        IBucket bucket = props.bucket();
        Asset script = Asset.Builder.create(this, "EntryScript")
                .path(props.entryScript().toString())
                .build();
        Asset jar = Asset.Builder.create(this, "JobJar")
                .path(props.etlJar().toString())
                .build();
        this.role = jobRole(bucket, script, jar);
        CfnSecurityConfiguration security = securityConfiguration(role);

        CfnDatabase database = database(bucket);
        this.job = etlJob(props, bucket, script, jar, security);
        this.workflow = workflow(job);

        nagFindings();
        output("GlueDatabase", database.getRef(), "Glue database of the prepared data");
        output("EtlJobName", job.getRef(), "Glue job: aws glue start-job-run --job-name ...");
        output("EtlWorkflowName", workflow.getRef(), "Glue workflow: aws glue start-workflow-run --name ...");
        output("EtlRoleArn", role.getRoleArn(), "Role of the Glue job");
    }

    /** The job's role, for tests and for further grants. */
    public Role role() {
        return role;
    }

    /** The Glue job. */
    public CfnJob job() {
        return job;
    }

    /** The Glue workflow. */
    public CfnWorkflow workflow() {
        return workflow;
    }

    private CfnDatabase database(IBucket bucket) {
        CfnParameter databaseName = CfnParameter.Builder.create(this, "GlueDatabaseName")
                .type("String")
                .defaultValue("credit_decisions")
                .allowedPattern("^[a-z][a-z0-9_]{0,254}$")
                .description("Name of the Glue database that catalogs the prepared datasets")
                .build();
        return CfnDatabase.Builder.create(this, "Database")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName.getValueAsString())
                        .description("Prepared credit datasets (JSON Lines) written by the ETL job")
                        .locationUri(DataPrefix.PREPARED.uri(bucket.getBucketName()))
                        .build())
                .build();
    }

    private CfnJob etlJob(EtlProps props, IBucket bucket, Asset script, Asset jar, CfnSecurityConfiguration security) {
        CfnJob etlJob = CfnJob.Builder.create(this, "EtlJob")
                .description("Prepares raw credit data for training (SPEC section 3)")
                .role(role.getRoleArn())
                .glueVersion(GLUE_VERSION)
                .command(CfnJob.JobCommandProperty.builder()
                        .name("glueetl")
                        .scriptLocation(script.getS3ObjectUrl())
                        .build())
                .defaultArguments(defaultArguments(bucket, jar))
                .securityConfiguration(security.getRef())
                .workerType("G.1X")
                .numberOfWorkers(props.workers())
                .maxRetries(0)
                .timeout(120)
                .executionProperty(CfnJob.ExecutionPropertyProperty.builder()
                        .maxConcurrentRuns(1)
                        .build())
                .build();
        // A run may start as soon as the job exists: its role's policy and security configuration must exist first.
        etlJob.getNode().addDependency(role, security);
        return etlJob;
    }

    /** One on-demand trigger: the datagen Lambda is step 1 and runs outside Glue (docs/deploy.md). */
    private CfnWorkflow workflow(CfnJob etlJob) {
        CfnWorkflow pipeline = CfnWorkflow.Builder.create(this, "Pipeline")
                .description("Raw datasets (from the datagen Lambda) to prepared training channels")
                .maxConcurrentRuns(1)
                .build();
        CfnTrigger.Builder.create(this, "StartEtl")
                .description("Started on demand once datagen has written raw/<run>/_SUCCESS")
                .type("ON_DEMAND")
                .workflowName(pipeline.getRef())
                .actions(List.of(CfnTrigger.ActionProperty.builder()
                        .jobName(etlJob.getRef())
                        .build()))
                .build();
        return pipeline;
    }

    /**
     * The job parameters of etl-glue-job's README; {@code --input_path} and {@code --output_path} default to the
     * run the datagen Lambda writes without an explicit output, and any run overrides them with
     * {@code aws glue start-job-run --arguments}.
     */
    static Map<String, String> defaultArguments(IBucket bucket, Asset jar) {
        String name = bucket.getBucketName();
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--job-language", "scala");
        arguments.put("--class", ENTRY_CLASS);
        arguments.put("--extra-jars", jar.getS3ObjectUrl());
        arguments.put("--input_path", DataPrefix.RAW.uri(name) + DataStack.DEFAULT_RUN);
        arguments.put("--output_path", DataPrefix.PREPARED.uri(name) + DataStack.DEFAULT_RUN);
        arguments.put("--seed", "42");
        arguments.put("--test_fraction", "0.2");
        arguments.put("--max_rejected_fraction", "0");
        arguments.put("--rows_per_file", "1000000");
        arguments.put("--TempDir", DataPrefix.TEMP.uri(name) + "glue/");
        // The job is a full recomputation of one run: bookmarks would only skip input it must read.
        arguments.put("--job-bookmark-option", "job-bookmark-disable");
        arguments.put("--enable-metrics", "true");
        arguments.put("--enable-continuous-cloudwatch-log", "true");
        return arguments;
    }

    /**
     * Encrypts what Glue itself writes: the job's CloudWatch log groups and any bookmark state with a customer key
     * of this stack, the job's S3 writes with SSE-S3 like the bucket default.
     */
    private CfnSecurityConfiguration securityConfiguration(Role jobRole) {
        String glueLogGroups =
                "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:/aws-glue/*";
        Key key = Key.Builder.create(this, "GlueKey")
                .description("Encrypts the Glue ETL job's CloudWatch logs and job bookmarks")
                .enableKeyRotation(true)
                // Scheduled deletion with the longest window: logs encrypted with it stay readable meanwhile.
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(30))
                .build();
        // CloudWatch Logs encrypts the Glue log groups on the job's behalf, only for log groups below /aws-glue/.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchLogsEncryptsGlueLogs")
                .principals(List.of(new ServicePrincipal("logs." + Aws.REGION + ".amazonaws.com")))
                .actions(List.of(
                        "kms:Encrypt",
                        "kms:Decrypt",
                        "kms:ReEncryptFrom",
                        "kms:ReEncryptTo",
                        "kms:GenerateDataKey",
                        "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", glueLogGroups)))
                .build());
        // Bookmark encryption (CSE-KMS) runs in the job with its role.
        jobRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("UseGlueKey")
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of(key.getKeyArn()))
                .build());
        return CfnSecurityConfiguration.Builder.create(this, "EtlSecurity")
                .name(Fn.join("-", List.of(Aws.STACK_NAME, "etl")))
                .encryptionConfiguration(CfnSecurityConfiguration.EncryptionConfigurationProperty.builder()
                        .cloudWatchEncryption(CfnSecurityConfiguration.CloudWatchEncryptionProperty.builder()
                                .cloudWatchEncryptionMode("SSE-KMS")
                                .kmsKeyArn(key.getKeyArn())
                                .build())
                        .jobBookmarksEncryption(CfnSecurityConfiguration.JobBookmarksEncryptionProperty.builder()
                                .jobBookmarksEncryptionMode("CSE-KMS")
                                .kmsKeyArn(key.getKeyArn())
                                .build())
                        .s3Encryptions(List.of(CfnSecurityConfiguration.S3EncryptionProperty.builder()
                                .s3EncryptionMode("SSE-S3")
                                .build()))
                        .build())
                .build();
    }

    private Role jobRole(IBucket bucket, Asset script, Asset jar) {
        Role jobRole = Role.Builder.create(this, "EtlRole")
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Glue ETL job: reads raw/, writes prepared/ and temp/ of the data bucket")
                .build();
        // Exactly the two uploaded objects, not the whole CDK asset bucket.
        jobRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("ReadJobCode")
                .actions(List.of("s3:GetObject"))
                .resources(List.of(
                        script.getBucket().arnForObjects(script.getS3ObjectKey()),
                        jar.getBucket().arnForObjects(jar.getS3ObjectKey())))
                .build());
        // Unconditioned on purpose: Spark's file system probes keys with HEAD requests, and S3 answers a missing
        // key with 404 (instead of 403, which fails the job) only to a caller that may list the bucket; an
        // s3:prefix condition does not apply to HEAD. Listing reveals key names, never data.
        jobRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("ListDataBucket")
                .actions(List.of("s3:ListBucket", "s3:GetBucketLocation"))
                .resources(List.of(bucket.getBucketArn()))
                .build());
        jobRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("ReadRaw")
                .actions(List.of("s3:GetObject"))
                .resources(List.of(bucket.arnForObjects(DataPrefix.RAW.objects())))
                .build());
        jobRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("WritePreparedAndTemp")
                .actions(List.of(
                        "s3:GetObject",
                        "s3:PutObject",
                        "s3:DeleteObject",
                        "s3:AbortMultipartUpload",
                        "s3:ListMultipartUploadParts"))
                .resources(List.of(
                        bucket.arnForObjects(DataPrefix.PREPARED.objects()),
                        bucket.arnForObjects(DataPrefix.TEMP.objects())))
                .build());
        jobRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("WriteGlueLogs")
                // AssociateKmsKey: Glue attaches the security configuration's key to the log groups it creates.
                .actions(List.of(
                        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"))
                .resources(List.of("arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                        + ":log-group:/aws-glue/*"))
                .build());
        jobRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("PublishGlueMetrics")
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", "Glue")))
                .build());
        return jobRole;
    }

    private void nagFindings() {
        Nag.suppressFindings(
                role,
                "AwsSolutions-IAM5",
                "The job writes and deletes part files of its own naming below prepared/ and temp/ and reads any run"
                        + " below raw/ of this bucket only; Glue creates one log group and stream per run below"
                        + " /aws-glue/; cloudwatch:PutMetricData supports no resource ARN and is limited by the"
                        + " cloudwatch:namespace condition to Glue.",
                Nag.dataBucketObjects(DataPrefix.RAW.key(), DataPrefix.PREPARED.key(), DataPrefix.TEMP.key()),
                "Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws-glue/*",
                "Resource::*");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}

package com.example.credit.infra.data;

import com.example.credit.infra.DataPrefix;
import com.example.credit.infra.Nag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The data bucket of the whole suite (the prefixes of {@link DataPrefix}) and the datagen Lambda, which may write
 * only below {@code raw/}.
 */
public final class DataStack extends Stack {

    /** Where the Lambda writes when its event names no output; the ETL job reads the same root by default. */
    public static final String DEFAULT_RUN = "current";

    /**
     * Days captured endpoint traffic is kept: enough to compare a month of inputs with the training data, not an
     * archive of applicants' features.
     */
    public static final int DATA_CAPTURE_RETENTION_DAYS = 30;

    private static final String HANDLER = "com.example.credit.datagen.lambda.DatagenHandler::handleRequest";

    private final Bucket bucket;
    private final Function datagen;

    public DataStack(Construct scope, String id, StackProps stackProps, DataProps props) {
        super(scope, id, stackProps);
        Bucket accessLogs = accessLogBucket();
        this.bucket = dataBucket(accessLogs);
        this.datagen = datagenFunction(props);
        outputs(accessLogs);
    }

    /** The data bucket, for the stacks that grant on its prefixes. */
    public IBucket bucket() {
        return bucket;
    }

    /** The datagen Lambda. */
    public Function datagen() {
        return datagen;
    }

    private Bucket accessLogBucket() {
        Bucket logs = Bucket.Builder.create(this, "AccessLogs")
                // S3 server access logging can only deliver to SSE-S3 buckets.
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(90))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Nag.suppress(
                logs,
                "AwsSolutions-S1",
                "This is the access-log target of the data bucket; logging it into itself would loop.");
        return logs;
    }

    private Bucket dataBucket(Bucket accessLogs) {
        return Bucket.Builder.create(this, "DataBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("data-bucket/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder()
                                .id("expire-temp")
                                .prefix(DataPrefix.TEMP.key() + "/")
                                .expiration(Duration.days(7))
                                .build(),
                        // Present whether or not the endpoint captures (context dataCapture): the data stack does
                        // not depend on the model stack's settings, and an unused rule costs nothing.
                        LifecycleRule.builder()
                                .id("expire-datacapture")
                                .prefix(DataPrefix.DATA_CAPTURE.key() + "/")
                                .expiration(Duration.days(DATA_CAPTURE_RETENTION_DAYS))
                                .build(),
                        // Versioning keeps overwritten runs recoverable for a while, not forever; the multipart
                        // rule is the backstop for datagen or Glue runs killed mid-upload.
                        LifecycleRule.builder()
                                .id("expire-noncurrent-versions")
                                .noncurrentVersionExpiration(Duration.days(30))
                                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                                .build()))
                // Data outlives a stack deletion; docs/deploy.md shows how to empty and delete it.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private Function datagenFunction(DataProps props) {
        LogGroup logs = LogGroup.Builder.create(this, "DatagenLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // An own role instead of the managed AWSLambdaBasicExecutionRole: logs only to its own log group.
        Role role = Role.Builder.create(this, "DatagenRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Datagen Lambda: writes below raw/ of the data bucket and its own log group")
                .build();
        logs.grantWrite(role);
        // Listing is needed to refuse an occupied output root; the condition keeps it inside raw/.
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ListRawPrefix")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of(
                        "StringLike", Map.of("s3:prefix", List.of(DataPrefix.RAW.key(), DataPrefix.RAW.objects()))))
                .build());
        // Write, overwrite (delete) and abort multipart uploads: datagen never reads.
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("WriteRawObjects")
                .actions(List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"))
                .resources(List.of(bucket.arnForObjects(DataPrefix.RAW.objects())))
                .build());
        Nag.suppressFindings(
                role,
                "AwsSolutions-IAM5",
                "Datagen writes run folders of its own choosing below raw/ (raw/<run>/credits/credits.csv, ...): the"
                        + " wildcard is the prefix, scoped to this bucket, with write-only actions.",
                Nag.dataBucketObjects(DataPrefix.RAW.key()));

        Function function = Function.Builder.create(this, "Datagen")
                .description("Generates the raw credits, people and contacts datasets (SPEC section 2)")
                .runtime(Runtime.JAVA_17)
                // Pure Java, no native code: Graviton is the cheaper GB-second.
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(Code.fromAsset(props.datagenJar().toString()))
                .memorySize(props.datagenMemoryMb())
                .timeout(Duration.minutes(15))
                .role(role)
                .logGroup(logs)
                .environment(Map.of("OUTPUT_URI", DataPrefix.RAW.uri(bucket.getBucketName()) + DEFAULT_RUN))
                .build();
        Nag.suppress(
                function,
                "AwsSolutions-L1",
                "The suite targets Java 17 (SPEC: Java 17 everywhere, Glue 5.0 runs Java 17); Lambda supports the"
                        + " java17 runtime until its published deprecation date.");
        return function;
    }

    private void outputs(Bucket accessLogs) {
        output("DataBucketName", bucket.getBucketName(), "The data bucket");
        output("AccessLogBucketName", accessLogs.getBucketName(), "Server access logs of the data bucket");
        for (DataPrefix prefix : DataPrefix.values()) {
            output(outputName(prefix), prefix.uri(bucket.getBucketName()), "The " + prefix.key() + "/ prefix");
        }
        output("DatagenFunctionName", datagen.getFunctionName(), "Invoke with {\"mode\":..., \"n\":..., \"seed\":...}");
        output("DatagenRoleArn", datagen.getRole().getRoleArn(), "Execution role of the datagen Lambda");
    }

    /** RAW becomes RawUri, BATCH_INPUT becomes BatchInputUri. */
    static String outputName(DataPrefix prefix) {
        StringBuilder name = new StringBuilder();
        for (String part : prefix.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.append("Uri").toString();
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}

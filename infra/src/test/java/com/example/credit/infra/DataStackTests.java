package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.infra.PolicyStatements.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DataStackTests {

    private static Template template() {
        return SynthesizedApp.defaults().data();
    }

    @Test
    void createsTheDataBucketItsAccessLogBucketAndOneFunction() {
        template().resourceCountIs("AWS::S3::Bucket", 2);
        template().resourceCountIs("AWS::Lambda::Function", 1);
        template().resourceCountIs("AWS::Logs::LogGroup", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBucketIsEncryptedAndBlocksAllPublicAccess() {
        Map<String, Map<String, Object>> buckets = template().findResources("AWS::S3::Bucket");
        assertThat(buckets).hasSize(2).allSatisfy((id, bucket) -> {
            Map<String, Object> properties = (Map<String, Object>) bucket.get("Properties");
            assertThat(String.valueOf(properties.get("BucketEncryption"))).contains("SSEAlgorithm=AES256");
            assertThat((Map<String, Object>) properties.get("PublicAccessBlockConfiguration"))
                    .containsEntry("BlockPublicAcls", true)
                    .containsEntry("BlockPublicPolicy", true)
                    .containsEntry("IgnorePublicAcls", true)
                    .containsEntry("RestrictPublicBuckets", true);
        });
    }

    @Test
    void dataBucketIsVersionedAndLogsAccess() {
        template()
                .hasResourceProperties(
                        "AWS::S3::Bucket",
                        Match.objectLike(Map.of(
                                "VersioningConfiguration", Map.of("Status", "Enabled"),
                                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "data-bucket/")))));
    }

    @Test
    void dataBucketExpiresTempObjectsCapturedTrafficNoncurrentVersionsAndStaleUploads() {
        template()
                .hasResourceProperties(
                        "AWS::S3::Bucket",
                        Match.objectLike(Map.of(
                                "LifecycleConfiguration",
                                Map.of(
                                        "Rules",
                                        Match.arrayWith(List.of(
                                                Match.objectLike(Map.of(
                                                        "Id", "expire-temp",
                                                        "Prefix", "temp/",
                                                        "ExpirationInDays", 7,
                                                        "Status", "Enabled")),
                                                Match.objectLike(Map.of(
                                                        "Id", "expire-datacapture",
                                                        "Prefix", "datacapture/",
                                                        "ExpirationInDays", 30,
                                                        "Status", "Enabled")),
                                                Match.objectLike(Map.of(
                                                        "Id", "expire-noncurrent-versions",
                                                        "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30),
                                                        "AbortIncompleteMultipartUpload",
                                                                Map.of("DaysAfterInitiation", 1)))))))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBucketPolicyDeniesRequestsWithoutTls() {
        Map<String, Map<String, Object>> policies = template().findResources("AWS::S3::BucketPolicy");
        assertThat(policies).hasSize(2).allSatisfy((id, policy) -> {
            Map<String, Object> document =
                    (Map<String, Object>) ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument");
            assertThat((List<Map<String, Object>>) document.get("Statement")).anySatisfy(statement -> {
                assertThat(statement).containsEntry("Effect", "Deny");
                assertThat(statement).containsEntry("Principal", Map.of("AWS", "*"));
                assertThat(statement)
                        .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
            });
        });
    }

    @Test
    void dataBucketRefusesTlsOlderThan12() {
        template()
                .hasResourceProperties(
                        "AWS::S3::BucketPolicy",
                        Match.objectLike(Map.of(
                                "PolicyDocument",
                                Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                "Effect",
                                                "Deny",
                                                "Condition",
                                                Map.of("NumericLessThan", Map.of("s3:TlsVersion", 1.2))))))))));
    }

    @Test
    void datagenRunsJava17SizedForTenMillionRowsWithinTheLambdaLimit() {
        template()
                .hasResourceProperties(
                        "AWS::Lambda::Function",
                        Match.objectLike(Map.of(
                                "Runtime",
                                "java17",
                                "Handler",
                                "com.example.credit.datagen.lambda.DatagenHandler::handleRequest",
                                "MemorySize",
                                2048,
                                "Timeout",
                                900,
                                "Architectures",
                                List.of("arm64"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void datagenWritesToTheCurrentRunBelowRawByDefault() {
        Map<String, Object> function = template()
                .findResources("AWS::Lambda::Function")
                .values()
                .iterator()
                .next();
        Map<String, Object> environment =
                (Map<String, Object>) ((Map<String, Object>) function.get("Properties")).get("Environment");
        assertThat(String.valueOf(environment.get("Variables")))
                .startsWith("{OUTPUT_URI=")
                .contains("s3://")
                .contains("DataBucket")
                .endsWith("/raw/current]]}}");
    }

    @Test
    void datagenLogsAreKeptForOneMonth() {
        template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void datagenMayOnlyListAndWriteBelowRawNeverRead() {
        List<Statement> statements = PolicyStatements.of(template());
        assertThat(statements).flatMap(Statement::actions).doesNotContain("s3:GetObject");
        assertThat(statements)
                .filteredOn(statement -> statement.sid().equals("ListRawPrefix"))
                .singleElement()
                .satisfies(statement -> assertThat(String.valueOf(statement.condition()))
                        .isEqualTo("{StringLike={s3:prefix=[raw, raw/*]}}"));
        assertThat(statements)
                .filteredOn(statement -> statement.sid().equals("WriteRawObjects"))
                .singleElement()
                .satisfies(statement -> {
                    assertThat(statement.actions())
                            .containsExactlyInAnyOrder("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload");
                    assertThat(statement.resources()).singleElement().asString().endsWith("/raw/*]]}");
                });
    }

    @Test
    void runRecordsAndCapturedTrafficHavePrefixesWithOutputsLikeTheOthers() {
        assertThat(DataPrefix.RUNS.uri("b")).isEqualTo("s3://b/runs/");
        assertThat(DataPrefix.DATA_CAPTURE.objects()).isEqualTo("datacapture/*");
        assertThat(String.valueOf(template().findOutputs("RunsUri").get("RunsUri")))
                .contains("DataBucket")
                .contains("/runs/");
    }

    @Test
    void outputsNameTheBucketEveryPrefixAndTheFunction() {
        assertThat(template().findOutputs("*"))
                .containsKeys(
                        "DataBucketName",
                        "AccessLogBucketName",
                        "RawUri",
                        "PreparedUri",
                        "ModelsUri",
                        "BatchInputUri",
                        "BatchOutputUri",
                        "TempUri",
                        "RunsUri",
                        "DataCaptureUri",
                        "DatagenFunctionName",
                        "DatagenRoleArn");
    }
}

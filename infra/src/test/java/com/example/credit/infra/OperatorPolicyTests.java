package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.infra.PolicyStatements.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The managed policy for {@code run-pipeline.sh --target aws}: what it allows, on what, and nothing else. */
class OperatorPolicyTests {

    private static Template template() {
        return SynthesizedApp.defaults().operator();
    }

    private static List<Statement> statements() {
        return PolicyStatements.of(template());
    }

    private static Statement statement(String sid) {
        return statements().stream()
                .filter(statement -> statement.sid().equals(sid))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }

    /** The text after the last literal of each resource, e.g. {@code :training-job/credit-*]]}}. */
    private static List<String> resourceEnds(Statement statement) {
        return statement.resources().stream()
                .map(resource -> resource.substring(resource.lastIndexOf(", ") + 2))
                .toList();
    }

    @Test
    void isOneManagedPolicyNamedPerRegionAndAttachedToNobody() {
        template().resourceCountIs("AWS::IAM::ManagedPolicy", 1);
        template().resourceCountIs("AWS::IAM::Role", 0);
        template().resourceCountIs("AWS::IAM::User", 0);
        template().resourceCountIs("AWS::IAM::Group", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) template()
                .findResources("AWS::IAM::ManagedPolicy")
                .values()
                .iterator()
                .next()
                .get("Properties");
        assertThat(properties.get("ManagedPolicyName"))
                .isEqualTo(Map.of(
                        "Fn::Join", List.of("", List.of("CreditPipelineOperator-", Map.of("Ref", "AWS::Region")))));
        assertThat(properties).doesNotContainKeys("Roles", "Users", "Groups");
    }

    @Test
    void outputsThePolicyArn() {
        assertThat(template().findOutputs("*")).containsOnlyKeys("OperatorPolicyArn");
    }

    @Test
    void grantsExactlyThePipelinesCalls() {
        assertThat(statements())
                .flatMap(Statement::actions)
                .containsExactlyInAnyOrder(
                        "cloudformation:DescribeStacks",
                        "lambda:InvokeFunction",
                        "ecr:DescribeImages",
                        "glue:StartJobRun",
                        "glue:GetJobRun",
                        "glue:BatchStopJobRun",
                        "sagemaker:CreateTrainingJob",
                        "sagemaker:CreateModel",
                        "sagemaker:CreateEndpointConfig",
                        "sagemaker:CreateEndpoint",
                        "sagemaker:CreateTransformJob",
                        "sagemaker:AddTags",
                        "sagemaker:DescribeTrainingJob",
                        "sagemaker:StopTrainingJob",
                        "sagemaker:DescribeModel",
                        "sagemaker:DeleteModel",
                        "sagemaker:DescribeEndpointConfig",
                        "sagemaker:DeleteEndpointConfig",
                        "sagemaker:DescribeEndpoint",
                        "sagemaker:DeleteEndpoint",
                        "sagemaker:InvokeEndpoint",
                        "sagemaker:UpdateEndpoint",
                        "sagemaker:DescribeTransformJob",
                        "sagemaker:StopTransformJob",
                        "iam:PassRole",
                        "s3:ListBucket",
                        "s3:GetObject",
                        "s3:PutObject");
    }

    @Test
    void noWildcardActionsAndNoWildcardResources() {
        assertThat(statements()).allSatisfy(statement -> {
            assertThat(statement.effect()).isEqualTo("Allow");
            assertThat(statement.actions())
                    .allSatisfy(action -> assertThat(action).doesNotContain("*"));
            // Every action here supports resource-level permissions, so no statement needs "*".
            assertThat(statement.resources()).doesNotContain("*");
        });
    }

    @Test
    void readsTheOutputsOfTheThreePipelineStacksOnly() {
        Statement describe = statement("ReadPipelineStackOutputs");
        assertThat(describe.actions()).containsExactly("cloudformation:DescribeStacks");
        assertThat(resourceEnds(describe))
                .containsExactlyInAnyOrder(
                        ":stack/CreditData/*]]}", ":stack/CreditEtl/*]]}", ":stack/CreditModel/*]]}");
        assertThat(describe.resources()).allSatisfy(resource -> assertThat(resource)
                .contains(":cloudformation:")
                .contains("{Ref=AWS::Region}")
                .contains("{Ref=AWS::AccountId}"));
    }

    @Test
    void invokesOnlyTheDatagenFunction() {
        Statement invoke = statement("InvokeDatagen");
        assertThat(invoke.actions()).containsExactly("lambda:InvokeFunction");
        assertThat(invoke.resources())
                .singleElement()
                .asString()
                .matches("\\{Fn::ImportValue=CreditData:ExportsOutputFnGetAttDatagen[0-9A-F]+Arn[0-9A-F]+}");
    }

    @Test
    void looksUpImagesOnlyInTheTwoRepositoriesOfTheModelStack() {
        Statement images = statement("FindPushedImages");
        assertThat(images.actions()).containsExactly("ecr:DescribeImages");
        assertThat(images.resources()).hasSize(2).allSatisfy(resource -> assertThat(resource)
                .matches("\\{Fn::ImportValue=CreditModel:ExportsOutputFnGetAtt(Training|Explainer)Repository"
                        + "[0-9A-F]+Arn[0-9A-F]+}"));
    }

    @Test
    void startsWatchesAndStopsOnlyTheEtlJob() {
        Statement glue = statement("RunEtlJob");
        assertThat(glue.actions())
                .containsExactlyInAnyOrder("glue:StartJobRun", "glue:GetJobRun", "glue:BatchStopJobRun");
        assertThat(glue.resources())
                .singleElement()
                .asString()
                .contains(":glue:")
                .contains(":job/, {Fn::ImportValue=CreditEtl:ExportsOutputRefEtlJob");
    }

    @Test
    void createsSageMakerResourcesOnlyNamedCreditAndTaggedWithTheProject() {
        Statement create = statement("CreateTaggedSageMakerResources");
        assertThat(create.actions())
                .containsExactlyInAnyOrder(
                        "sagemaker:CreateTrainingJob",
                        "sagemaker:CreateModel",
                        "sagemaker:CreateEndpointConfig",
                        "sagemaker:CreateEndpoint",
                        "sagemaker:CreateTransformJob",
                        "sagemaker:AddTags");
        assertThat(resourceEnds(create))
                .containsExactlyInAnyOrder(
                        ":training-job/credit-*]]}",
                        ":model/credit-*]]}",
                        ":endpoint-config/credit-*]]}",
                        ":endpoint/credit-*]]}",
                        ":transform-job/credit-*]]}");
        assertThat(create.condition())
                .isEqualTo(Map.of(
                        "StringEquals", Map.of("aws:RequestTag/project", "credit-decisions-explained"),
                        "ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of("project", "credit-run"))));
    }

    @Test
    void managesEachSageMakerResourceTypeOnlyUnderTheCreditPrefix() {
        Map<String, Set<String>> actionsBySid = Map.of(
                "ManageTrainingJobs", Set.of("sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"),
                "ManageModels", Set.of("sagemaker:DescribeModel", "sagemaker:DeleteModel"),
                "ManageEndpointConfigs", Set.of("sagemaker:DescribeEndpointConfig", "sagemaker:DeleteEndpointConfig"),
                "ManageAndInvokeEndpoints",
                        Set.of("sagemaker:DescribeEndpoint", "sagemaker:DeleteEndpoint", "sagemaker:InvokeEndpoint"),
                "ManageTransformJobs", Set.of("sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob"));
        Map<String, String> typeBySid = Map.of(
                "ManageTrainingJobs", "training-job",
                "ManageModels", "model",
                "ManageEndpointConfigs", "endpoint-config",
                "ManageAndInvokeEndpoints", "endpoint",
                "ManageTransformJobs", "transform-job");
        actionsBySid.forEach((sid, actions) -> {
            Statement statement = statement(sid);
            assertThat(statement.actions()).as(sid).containsExactlyInAnyOrderElementsOf(actions);
            assertThat(resourceEnds(statement)).as(sid).containsExactly(":" + typeBySid.get(sid) + "/credit-*]]}");
            assertThat(statement.condition()).as(sid).isNull();
        });
    }

    @Test
    void updatesEndpointsNamingTheEndpointAndTheNewEndpointConfiguration() {
        Statement update = statement("UpdateEndpoints");
        assertThat(update.actions()).containsExactly("sagemaker:UpdateEndpoint");
        assertThat(resourceEnds(update))
                .containsExactlyInAnyOrder(":endpoint/credit-*]]}", ":endpoint-config/credit-*]]}");
    }

    @Test
    void sageMakerStatementsNameNoResourceOutsideTheCreditPrefix() {
        assertThat(statements())
                .filteredOn(statement -> statement.hasActionWithPrefix("sagemaker:"))
                .hasSize(7)
                .flatMap(Statement::resources)
                .allSatisfy(
                        resource -> assertThat(resource).contains(":sagemaker:").endsWith("/credit-*]]}"));
    }

    @Test
    void passesOnlyTheExecutionRoleAndOnlyToSageMaker() {
        Statement pass = statement("PassExecutionRoleToSageMaker");
        assertThat(pass.actions()).containsExactly("iam:PassRole");
        assertThat(pass.resources())
                .singleElement()
                .asString()
                .matches(
                        "\\{Fn::ImportValue=CreditModel:ExportsOutputFnGetAttSageMakerExecutionRole[0-9A-F]+Arn[0-9A-F]+}");
        assertThat(pass.condition())
                .isEqualTo(Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")));
    }

    @Test
    void listsTheDataBucketOnlyBelowThePipelinesPrefixes() {
        Statement list = statement("ListPipelinePrefixes");
        assertThat(list.actions()).containsExactly("s3:ListBucket");
        assertThat(list.resources())
                .singleElement()
                .asString()
                .matches("\\{Fn::ImportValue=CreditData:ExportsOutputFnGetAttDataBucket[0-9A-F]+Arn[0-9A-F]+}");
        assertThat(list.condition())
                .isEqualTo(Map.of(
                        "StringLike",
                        Map.of("s3:prefix", List.of("raw/*", "prepared/*", "models/*", "batch/*", "runs/*"))));
    }

    @Test
    void readsRawPreparedModelsBatchOutputAndRunRecords() {
        Statement read = statement("ReadPipelineObjects");
        assertThat(read.actions()).containsExactly("s3:GetObject");
        assertThat(resourceEnds(read))
                .containsExactlyInAnyOrder(
                        "/raw/*]]}", "/prepared/*]]}", "/models/*]]}", "/batch/output/*]]}", "/runs/*]]}");
        assertThat(read.resources()).allSatisfy(resource -> assertThat(resource).contains("DataBucket"));
    }

    @Test
    void writesOnlyBatchInputAndRunRecordsAndNeverDeletes() {
        Statement write = statement("WriteBatchInputAndRunRecords");
        assertThat(write.actions()).containsExactly("s3:PutObject");
        assertThat(resourceEnds(write)).containsExactlyInAnyOrder("/batch/input/*]]}", "/runs/*]]}");
        assertThat(statements()).flatMap(Statement::actions).noneMatch(action -> action.startsWith("s3:Delete"));
    }

    @Test
    void needsNoKmsBecauseTheDataBucketIsEncryptedWithS3ManagedKeys() {
        assertThat(statements()).flatMap(Statement::actions).noneMatch(action -> action.startsWith("kms:"));
        Map<?, ?> bucket =
                (Map<?, ?>) SynthesizedApp.defaults().data().findResources("AWS::S3::Bucket").entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith("DataBucket"))
                        .findFirst()
                        .orElseThrow()
                        .getValue()
                        .get("Properties");
        assertThat(String.valueOf(bucket.get("BucketEncryption")))
                .contains("SSEAlgorithm=AES256")
                .doesNotContain("aws:kms");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nagSuppressionNamesEachWildcardFindingAndNoBareWildcard() {
        List<Map<String, Object>> suppressions = NagComplianceTests.suppressions(template());
        assertThat(suppressions).singleElement().satisfies(suppression -> {
            assertThat(suppression).containsEntry("id", "AwsSolutions-IAM5");
            List<Object> appliesTo = (List<Object>) suppression.get("applies_to");
            assertThat(appliesTo)
                    .hasSize(9)
                    .doesNotContain("Resource::*")
                    .contains(
                            "Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/CreditData/*",
                            "Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:training-job/credit-*");
            assertThat(String.valueOf(appliesTo.get(8)))
                    .contains("(raw|prepared|models|batch\\/output|runs|batch\\/input)");
        });
    }

    @Test
    void sameStatementsWhateverTheEndpointSettings() {
        assertThat(PolicyStatements.of(SynthesizedApp.withEndpoint().operator()))
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(statements());
    }
}

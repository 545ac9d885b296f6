package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EtlStackTests {

    private static Template template() {
        return SynthesizedApp.defaults().etl();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jobProperties() {
        Map<String, Object> job =
                template().findResources("AWS::Glue::Job").values().iterator().next();
        return (Map<String, Object>) job.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static String argument(String name) {
        return String.valueOf(((Map<String, Object>) jobProperties().get("DefaultArguments")).get(name));
    }

    @Test
    void createsOneDatabaseJobWorkflowAndTrigger() {
        template().resourceCountIs("AWS::Glue::Database", 1);
        template().resourceCountIs("AWS::Glue::Job", 1);
        template().resourceCountIs("AWS::Glue::Workflow", 1);
        template().resourceCountIs("AWS::Glue::Trigger", 1);
        template().resourceCountIs("AWS::Glue::SecurityConfiguration", 1);
        template().resourceCountIs("AWS::KMS::Key", 1);
    }

    @Test
    void jobRunsOnGlue5AsASparkJob() {
        template()
                .hasResourceProperties(
                        "AWS::Glue::Job",
                        Match.objectLike(Map.of(
                                "GlueVersion",
                                "5.0",
                                "Command",
                                Match.objectLike(Map.of("Name", "glueetl")),
                                "WorkerType",
                                "G.1X",
                                "NumberOfWorkers",
                                2,
                                "MaxRetries",
                                0,
                                "ExecutionProperty",
                                Map.of("MaxConcurrentRuns", 1))));
    }

    @Test
    void jobStartsTheThinScalaEntryWithTheEtlJarOnTheClassPath() {
        assertThat(String.valueOf(jobProperties().get("Command"))).contains(".scala");
        assertThat(argument("--job-language")).isEqualTo("scala");
        assertThat(argument("--class")).isEqualTo("GlueApp");
        assertThat(argument("--extra-jars")).startsWith("{Fn::Sub=s3://cdk-").endsWith(".jar}");
    }

    @Test
    void entryScriptOnlyHandsTheArgumentsToGlueEntry() throws Exception {
        String script = java.nio.file.Files.readString(
                DeployArtifacts.locate(key -> null).etlScript());
        assertThat(script).contains("object GlueApp").contains("com.example.credit.etl.glue.GlueEntry.main(args)");
    }

    @Test
    void defaultArgumentsReadTheDefaultRawRunAndWriteTheDefaultPreparedRun() {
        assertThat(argument("--input_path"))
                .contains("s3://")
                .contains("DataBucket")
                .endsWith("/raw/current]]}");
        assertThat(argument("--output_path")).contains("DataBucket").endsWith("/prepared/current]]}");
        assertThat(argument("--TempDir")).contains("DataBucket").endsWith("/temp/glue/]]}");
        assertThat(argument("--seed")).isEqualTo("42");
        assertThat(argument("--test_fraction")).isEqualTo("0.2");
        assertThat(argument("--job-bookmark-option")).isEqualTo("job-bookmark-disable");
    }

    @Test
    @SuppressWarnings("unchecked")
    void workflowStartsTheJobOnDemand() {
        String workflow = template()
                .findResources("AWS::Glue::Workflow")
                .keySet()
                .iterator()
                .next();
        String job =
                template().findResources("AWS::Glue::Job").keySet().iterator().next();
        template()
                .hasResourceProperties(
                        "AWS::Glue::Trigger",
                        Map.of(
                                "Type", "ON_DEMAND",
                                "WorkflowName", Map.of("Ref", workflow),
                                "Actions", List.of(Map.of("JobName", Map.of("Ref", job))),
                                "Description", Match.anyValue()));
    }

    @Test
    void jobEncryptsItsLogsAndBookmarksWithARotatingKeyOfTheStack() {
        String key =
                template().findResources("AWS::KMS::Key").keySet().iterator().next();
        Map<String, Object> keyArn = Map.of("Fn::GetAtt", List.of(key, "Arn"));
        template().hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        template()
                .hasResourceProperties(
                        "AWS::Glue::SecurityConfiguration",
                        Match.objectLike(Map.of(
                                "EncryptionConfiguration",
                                Map.of(
                                        "CloudWatchEncryption",
                                                Map.of("CloudWatchEncryptionMode", "SSE-KMS", "KmsKeyArn", keyArn),
                                        "JobBookmarksEncryption",
                                                Map.of("JobBookmarksEncryptionMode", "CSE-KMS", "KmsKeyArn", keyArn),
                                        "S3Encryptions", List.of(Map.of("S3EncryptionMode", "SSE-S3"))))));
        String security = template()
                .findResources("AWS::Glue::SecurityConfiguration")
                .keySet()
                .iterator()
                .next();
        assertThat(jobProperties()).containsEntry("SecurityConfiguration", Map.of("Ref", security));
    }

    @Test
    @SuppressWarnings("unchecked")
    void keyPolicyAddsOnlyCloudWatchLogsForGlueLogGroupsToTheAccount() {
        Map<String, Object> key =
                template().findResources("AWS::KMS::Key").values().iterator().next();
        Map<String, Object> policy =
                (Map<String, Object>) ((Map<String, Object>) key.get("Properties")).get("KeyPolicy");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) policy.get("Statement");
        assertThat(statements).hasSize(2);
        assertThat(String.valueOf(statements.get(0).get("Principal"))).endsWith(":root]]}}");
        assertThat(statements.get(1)).containsEntry("Sid", "CloudWatchLogsEncryptsGlueLogs");
        assertThat(String.valueOf(statements.get(1).get("Principal")))
                .contains("[logs., {Ref=AWS::Region}, .amazonaws.com]");
        assertThat(String.valueOf(statements.get(1).get("Condition")))
                .startsWith("{ArnLike={kms:EncryptionContext:aws:logs:arn=")
                .endsWith(":log-group:/aws-glue/*]]}}}");
    }

    @Test
    void databaseNameIsAStackParameter() {
        template().hasParameter("GlueDatabaseName", Match.objectLike(Map.of("Default", "credit_decisions")));
        template()
                .hasResourceProperties(
                        "AWS::Glue::Database",
                        Match.objectLike(Map.of(
                                "DatabaseInput", Match.objectLike(Map.of("Name", Map.of("Ref", "GlueDatabaseName"))))));
    }

    @Test
    void outputsNameTheJobWorkflowDatabaseAndRole() {
        assertThat(template().findOutputs("*"))
                .containsKeys("EtlJobName", "EtlWorkflowName", "GlueDatabase", "EtlRoleArn");
    }
}

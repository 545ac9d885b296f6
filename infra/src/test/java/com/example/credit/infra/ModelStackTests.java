package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ModelStackTests {

    private static final List<String> SERVING_TYPES =
            List.of("AWS::SageMaker::Model", "AWS::SageMaker::EndpointConfig", "AWS::SageMaker::Endpoint");

    @Test
    void createsTwoRepositoriesThatScanOnPushAndExpireOldImages() {
        Template template = SynthesizedApp.defaults().model();
        template.resourceCountIs("AWS::ECR::Repository", 2);
        assertThat(template.findResources("AWS::ECR::Repository")).allSatisfy((id, repository) -> {
            String properties = String.valueOf(repository.get("Properties"));
            assertThat(properties)
                    .contains("ImageScanningConfiguration={ScanOnPush=true}")
                    .contains("\"tagStatus\":\"untagged\"")
                    .contains("\"countType\":\"imageCountMoreThan\",\"countNumber\":20");
        });
    }

    @Test
    void executionRoleIsAssumableBySageMakerOnly() {
        SynthesizedApp.defaults()
                .model()
                .hasResourceProperties(
                        "AWS::IAM::Role",
                        Match.objectLike(Map.of(
                                "AssumeRolePolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Match.objectLike(Map.of(
                                                "Principal", Map.of("Service", "sagemaker.amazonaws.com")))))))));
    }

    private static final List<String> OPERATIONS_TYPES = List.of(
            "AWS::ApplicationAutoScaling::ScalableTarget",
            "AWS::ApplicationAutoScaling::ScalingPolicy",
            "AWS::CloudWatch::Alarm",
            "AWS::CloudWatch::Dashboard",
            "AWS::SNS::Topic",
            "AWS::KMS::Key");

    @Test
    void endpointIsAbsentWithoutTheContextFlag() {
        Template template = SynthesizedApp.defaults().model();
        SERVING_TYPES.forEach(type -> template.resourceCountIs(type, 0));
        OPERATIONS_TYPES.forEach(type -> template.resourceCountIs(type, 0));
        assertThat(template.findParameters("*")).doesNotContainKeys("EndpointInstanceType", "ModelDataKey");
        assertThat(template.findOutputs("*")).doesNotContainKeys("EndpointName", "DashboardName", "DataCaptureUri");
        assertThat(SynthesizedApp.defaults().stacks().model().hasEndpoint()).isFalse();
    }

    @Test
    void endpointFlagCreatesModelConfigAndEndpoint() {
        Template template = SynthesizedApp.withEndpoint().model();
        SERVING_TYPES.forEach(type -> template.resourceCountIs(type, 1));
        assertThat(template.findOutputs("*")).containsKeys("EndpointName", "ModelName");
    }

    @Test
    void instanceTypeAndCountAreParametersDefaultingToTheContext() {
        Template template = SynthesizedApp.withEndpoint().model();
        template.hasParameter(
                "EndpointInstanceType", Match.objectLike(Map.of("Type", "String", "Default", "ml.c5.xlarge")));
        template.hasParameter(
                "EndpointInstanceCount", Match.objectLike(Map.of("Type", "Number", "Default", 2, "MinValue", 1)));
        template.hasResourceProperties(
                "AWS::SageMaker::EndpointConfig",
                Map.of(
                        "ProductionVariants",
                        List.of(Match.objectLike(Map.of(
                                "InstanceType", Map.of("Ref", "EndpointInstanceType"),
                                "InitialInstanceCount", Map.of("Ref", "EndpointInstanceCount"),
                                "VariantName", "AllTraffic")))));
    }

    @Test
    void modelServesTheExplainerImageWithModelDataBelowModels() {
        Template template = SynthesizedApp.withEndpoint().model();
        template.hasParameter("ModelDataKey", Match.objectLike(Map.of("AllowedPattern", "^models/.+\\.tar\\.gz$")));
        Map<String, Object> model = template.findResources("AWS::SageMaker::Model")
                .values()
                .iterator()
                .next();
        String container = String.valueOf(((Map<?, ?>) model.get("Properties")).get("PrimaryContainer"));
        assertThat(container)
                .contains("ExplainerRepository")
                .doesNotContain("TrainingRepository")
                .contains("{Ref=ExplainerImageTag}")
                .contains("{Ref=ModelDataKey}");
        // SageMaker validates image and model access on creation: the role's policy must come first.
        assertThat(String.valueOf(model.get("DependsOn"))).contains("SageMakerExecutionRoleDefaultPolicy");
    }

    @Test
    void outputsNameTheRepositoriesAndTheRole() {
        assertThat(SynthesizedApp.defaults().model().findOutputs("*"))
                .containsKeys("TrainingRepositoryUri", "ExplainerRepositoryUri", "SageMakerRoleArn");
    }
}

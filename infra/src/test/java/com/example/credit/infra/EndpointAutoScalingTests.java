package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EndpointAutoScalingTests {

    private static Template scaled() {
        return SynthesizedApp.withEndpoint().model();
    }

    @Test
    void registersTheVariantAllTrafficOfTheStacksEndpointBetweenMinimumAndMaximum() {
        scaled().resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 1);
        scaled().hasResourceProperties(
                        "AWS::ApplicationAutoScaling::ScalableTarget",
                        Map.of(
                                "ServiceNamespace",
                                "sagemaker",
                                "ScalableDimension",
                                "sagemaker:variant:DesiredInstanceCount",
                                // endpointInstanceCount=2 is the minimum; endpointMaxInstances=6
                                "MinCapacity",
                                2,
                                "MaxCapacity",
                                6,
                                "ResourceId",
                                Map.of(
                                        "Fn::Join",
                                        List.of(
                                                "",
                                                List.of(
                                                        "endpoint/",
                                                        Map.of(
                                                                "Fn::GetAtt",
                                                                List.of("ExplainerEndpoint", "EndpointName")),
                                                        "/variant/AllTraffic"))),
                                "RoleARN",
                                Match.anyValue()));
    }

    @Test
    void actsThroughTheServiceLinkedRoleOfSageMakerEndpointScalingAndCreatesNoRole() {
        Map<String, Object> target = scaled().findResources("AWS::ApplicationAutoScaling::ScalableTarget")
                .values()
                .iterator()
                .next();
        assertThat(String.valueOf(((Map<?, ?>) target.get("Properties")).get("RoleARN")))
                .contains(":role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint");
        // The execution role is the stack's only role: no role for scaling, alarms or the dashboard.
        scaled().resourceCountIs("AWS::IAM::Role", 1);
    }

    @Test
    void tracksInvocationsPerInstanceAtTheTargetAndCooldownsOfTheContext() {
        scaled().hasResourceProperties(
                        "AWS::ApplicationAutoScaling::ScalingPolicy",
                        Map.of(
                                "PolicyType", "TargetTrackingScaling",
                                "ScalingTargetId", Map.of("Ref", Match.stringLikeRegexp("^AutoScalingTarget.*")),
                                "TargetTrackingScalingPolicyConfiguration",
                                        Map.of(
                                                "PredefinedMetricSpecification",
                                                Map.of(
                                                        "PredefinedMetricType",
                                                        "SageMakerVariantInvocationsPerInstance"),
                                                "TargetValue",
                                                9000,
                                                // the context's 120 s, and the default 600 s
                                                "ScaleOutCooldown",
                                                120,
                                                "ScaleInCooldown",
                                                600)));
    }

    @Test
    void modelUpdatesKeepTheScaledInstanceCountButApplyTheNewCaptureSettings() {
        scaled().hasResourceProperties(
                        "AWS::SageMaker::Endpoint",
                        Match.objectLike(Map.of(
                                "RetainAllVariantProperties",
                                true,
                                "ExcludeRetainedVariantProperties",
                                List.of(Map.of("VariantPropertyType", "DataCaptureConfig")))));
    }

    @Test
    void scalingOutputNamesTheResourceIdForTheApplicationAutoScalingCli() {
        assertThat(scaled().findOutputs("*")).containsKey("ScalingResourceId");
    }

    @Test
    void fixedFleetRegistersNoScalingAndLetsUpdatesSetTheInstanceCount() {
        Template fixed = SynthesizedApp.withFixedFleetEndpoint().model();
        fixed.resourceCountIs("AWS::SageMaker::Endpoint", 1);
        fixed.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
        fixed.resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 0);
        fixed.hasResourceProperties("AWS::SageMaker::Endpoint", Map.of("RetainAllVariantProperties", Match.absent()));
        assertThat(fixed.findOutputs("*")).doesNotContainKey("ScalingResourceId");
    }
}

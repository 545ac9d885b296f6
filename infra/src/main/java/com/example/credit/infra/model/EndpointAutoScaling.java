package com.example.credit.infra.model;

import com.example.credit.infra.ScalingSettings;
import java.util.Objects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy;
import software.constructs.Construct;

/**
 * Application Auto Scaling of the endpoint's variant: a scalable target on its desired instance count and a target
 * tracking policy on SageMaker's predefined metric {@code SageMakerVariantInvocationsPerInstance}.
 *
 * <p>The L1 resources, not the L2 {@code ScalableTarget}: the L2 creates an IAM role of its own, while Application
 * Auto Scaling acts for SageMaker through its service-linked role, which the target names (and the service creates
 * on first use).
 */
public final class EndpointAutoScaling extends Construct {

    static final String SCALABLE_DIMENSION = "sagemaker:variant:DesiredInstanceCount";
    static final String PREDEFINED_METRIC = "SageMakerVariantInvocationsPerInstance";

    private final String resourceId;

    public EndpointAutoScaling(Construct scope, String id, String endpointName, ScalingSettings scaling) {
        super(scope, id);
        Objects.requireNonNull(endpointName, "endpointName");
        this.resourceId = "endpoint/" + endpointName + "/variant/" + ModelStack.VARIANT;
        CfnScalableTarget target = CfnScalableTarget.Builder.create(this, "Target")
                .serviceNamespace("sagemaker")
                .scalableDimension(SCALABLE_DIMENSION)
                .resourceId(resourceId)
                .minCapacity(scaling.minInstances())
                .maxCapacity(scaling.maxInstances())
                .roleArn("arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID
                        + ":role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint")
                .build();
        CfnScalingPolicy.Builder.create(this, "InvocationsPerInstance")
                .policyName("InvocationsPerInstance")
                .policyType("TargetTrackingScaling")
                .scalingTargetId(target.getRef())
                .targetTrackingScalingPolicyConfiguration(
                        CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty.builder()
                                .predefinedMetricSpecification(
                                        CfnScalingPolicy.PredefinedMetricSpecificationProperty.builder()
                                                .predefinedMetricType(PREDEFINED_METRIC)
                                                .build())
                                .targetValue(scaling.targetInvocationsPerInstance())
                                .scaleInCooldown(scaling.scaleInCooldownSeconds())
                                .scaleOutCooldown(scaling.scaleOutCooldownSeconds())
                                .build())
                .build();
    }

    /** The scalable target's id, {@code endpoint/<name>/variant/AllTraffic}, for the application-autoscaling CLI. */
    public String resourceId() {
        return resourceId;
    }
}

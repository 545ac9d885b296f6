package com.example.credit.infra;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deploy-time choices read from the CDK context ({@code cdk deploy -c endpoint=true ...}).
 *
 * @param deployEndpoint whether the model stack creates the SageMaker model, endpoint config and endpoint
 *     (context {@code endpoint}, default false: a model needs a trained artifact and a pushed image first)
 * @param endpointInstanceType default of the stack parameter {@code EndpointInstanceType}
 *     (context {@code endpointInstanceType}, default {@value #DEFAULT_INSTANCE_TYPE})
 * @param endpointInstanceCount default of the stack parameter {@code EndpointInstanceCount}
 *     (context {@code endpointInstanceCount}, default 1)
 * @param scaling the endpoint's auto scaling (contexts {@code endpointMinInstances}, {@code endpointMaxInstances},
 *     {@code endpointTargetInvocationsPerInstance}, {@code endpointScaleInCooldownSeconds},
 *     {@code endpointScaleOutCooldownSeconds})
 * @param alarms the endpoint's alarm thresholds and notification address (contexts {@code alarm*})
 * @param capture the endpoint's data capture (contexts {@code dataCapture}, {@code dataCaptureSamplePercent})
 */
public record AppSettings(
        boolean deployEndpoint,
        String endpointInstanceType,
        int endpointInstanceCount,
        ScalingSettings scaling,
        AlarmSettings alarms,
        CaptureSettings capture) {

    public static final String DEFAULT_INSTANCE_TYPE = "ml.m5.large";

    /** SageMaker hosting instance types look like {@code ml.m5.large} or {@code ml.c7g.2xlarge}. */
    public static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+");

    /** EC2 sizes: large = 2 vCPUs, xlarge = 4, Nxlarge = 4 × N; the burstable mediums (ml.t2, ml.t3) have 2. */
    private static final Pattern SIZE = Pattern.compile("(medium|large)|([0-9]{0,3})xlarge");

    public AppSettings {
        if (endpointInstanceType == null
                || !INSTANCE_TYPE.matcher(endpointInstanceType).matches()) {
            throw new InvalidSettingException("context endpointInstanceType = '" + endpointInstanceType
                    + "' is invalid: must be a SageMaker instance type like ml.m5.large");
        }
        if (endpointInstanceCount < 1) {
            throw new InvalidSettingException(
                    "context endpointInstanceCount = " + endpointInstanceCount + " is invalid: must be at least 1");
        }
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(capture, "capture");
    }

    /** The given endpoint choices with the default scaling, alarms and no data capture. */
    public AppSettings(boolean deployEndpoint, String endpointInstanceType, int endpointInstanceCount) {
        this(
                deployEndpoint,
                endpointInstanceType,
                endpointInstanceCount,
                ScalingSettings.defaults(Math.max(1, endpointInstanceCount)),
                AlarmSettings.defaults(),
                CaptureSettings.off());
    }

    /** The defaults: no endpoint, one {@value #DEFAULT_INSTANCE_TYPE}. */
    public static AppSettings defaults() {
        return new AppSettings(false, DEFAULT_INSTANCE_TYPE, 1);
    }

    /**
     * Reads the settings from CDK context values (strings from the command line, or typed values from
     * cdk.json), falling back to the defaults for absent keys.
     */
    public static AppSettings fromContext(Function<String, Object> context) {
        ContextValues values = new ContextValues(context);
        String instanceType = values.text("endpointInstanceType");
        int instanceCount = values.whole("endpointInstanceCount", 1);
        ScalingSettings scalingDefaults = ScalingSettings.defaults(Math.max(1, instanceCount));
        int minInstances = values.whole("endpointMinInstances", scalingDefaults.minInstances());
        ScalingSettings scaling = new ScalingSettings(
                minInstances,
                values.whole("endpointMaxInstances", Math.max(ScalingSettings.DEFAULT_MAX_INSTANCES, minInstances)),
                values.number("endpointTargetInvocationsPerInstance", scalingDefaults.targetInvocationsPerInstance()),
                values.whole("endpointScaleInCooldownSeconds", scalingDefaults.scaleInCooldownSeconds()),
                values.whole("endpointScaleOutCooldownSeconds", scalingDefaults.scaleOutCooldownSeconds()));
        AlarmSettings alarmDefaults = AlarmSettings.defaults();
        AlarmSettings alarms = new AlarmSettings(
                values.number("alarm4xxRatePercent", alarmDefaults.error4xxRatePercent()),
                values.number("alarm5xxRatePercent", alarmDefaults.error5xxRatePercent()),
                values.number("alarmModelLatencyP99Millis", alarmDefaults.modelLatencyP99Millis()),
                values.number("alarmCpuUtilizationPercent", alarmDefaults.cpuUtilizationPercent()),
                values.text("alarmEmail"));
        CaptureSettings capture = new CaptureSettings(
                values.bool("dataCapture", false),
                values.whole("dataCaptureSamplePercent", CaptureSettings.DEFAULT_SAMPLE_PERCENT));
        return new AppSettings(
                values.bool("endpoint", false),
                instanceType == null ? DEFAULT_INSTANCE_TYPE : instanceType,
                instanceCount,
                scaling,
                alarms,
                capture);
    }

    /** The vCPUs of {@link #endpointInstanceType}, which scale CloudWatch's {@code CPUUtilization}. */
    public int endpointVcpus() {
        return vcpus(endpointInstanceType);
    }

    /** The vCPUs of a SageMaker instance type, from its size: ml.m5.large 2, ml.c5.xlarge 4, ml.c7g.2xlarge 8. */
    public static int vcpus(String instanceType) {
        String size = instanceType.substring(instanceType.lastIndexOf('.') + 1);
        Matcher matcher = SIZE.matcher(size);
        if (!matcher.matches()) {
            throw new InvalidSettingException("context endpointInstanceType = '" + instanceType
                    + "' is invalid: its size '" + size + "' tells no vCPU count (expected medium, large, xlarge or"
                    + " <n>xlarge)");
        }
        if (matcher.group(1) != null) {
            return 2;
        }
        return matcher.group(2).isEmpty() ? 4 : 4 * Integer.parseInt(matcher.group(2));
    }
}

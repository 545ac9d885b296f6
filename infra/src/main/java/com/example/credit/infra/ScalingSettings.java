package com.example.credit.infra;

/**
 * Application Auto Scaling of the endpoint's variant {@code AllTraffic}: bounds of its instance count and a target
 * tracking policy on SageMaker's predefined metric {@code SageMakerVariantInvocationsPerInstance} (invocations per
 * instance and minute).
 *
 * @param minInstances context {@code endpointMinInstances}, default {@code endpointInstanceCount}; at least 1 (a
 *     real-time endpoint without inference components cannot scale to zero)
 * @param maxInstances context {@code endpointMaxInstances}, default {@value #DEFAULT_MAX_INSTANCES} (or the minimum,
 *     when that is larger); at least the minimum. Equal to the minimum means a fixed fleet: no scaling is registered
 * @param targetInvocationsPerInstance context {@code endpointTargetInvocationsPerInstance}, default
 *     {@value #DEFAULT_TARGET_INVOCATIONS_PER_INSTANCE}; greater than 0
 * @param scaleInCooldownSeconds context {@code endpointScaleInCooldownSeconds}, default
 *     {@value #DEFAULT_SCALE_IN_COOLDOWN_SECONDS}; 0 or more
 * @param scaleOutCooldownSeconds context {@code endpointScaleOutCooldownSeconds}, default
 *     {@value #DEFAULT_SCALE_OUT_COOLDOWN_SECONDS}; 0 or more
 */
public record ScalingSettings(
        int minInstances,
        int maxInstances,
        double targetInvocationsPerInstance,
        int scaleInCooldownSeconds,
        int scaleOutCooldownSeconds) {

    /** Four ml.m5.large cost about $0.46 an hour: a ceiling on what a traffic spike (or a bug in a client) costs. */
    public static final int DEFAULT_MAX_INSTANCES = 4;

    /**
     * Invocations per instance and minute at which the policy adds instances: about a fifth of what the explainer
     * sustained on 2 cores with mixed requests (978 requests/s in the soak of docs/reliability.md: single
     * applications, batches of 10, interaction values; one-application requests alone saturate near 5 900/s, see
     * docs/performance.md). That is AWS's rule of thumb (target = peak requests/s × 0.5 × 60) with a further
     * factor 0.4, because an ml.m5.large's 2 vCPUs are one physical core and a new instance needs minutes before it
     * serves, minutes in which the running instances absorb the growth. Replace it with a load test's figure.
     */
    public static final double DEFAULT_TARGET_INVOCATIONS_PER_INSTANCE = 12_000;

    /** Give capacity back slowly: target tracking already waits 15 minutes below target before it scales in. */
    public static final int DEFAULT_SCALE_IN_COOLDOWN_SECONDS = 600;

    /** About the time a new ml instance needs to come into service (Application Auto Scaling's default too). */
    public static final int DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 300;

    public ScalingSettings {
        if (minInstances < 1) {
            throw new InvalidSettingException(
                    "context endpointMinInstances = " + minInstances + " is invalid: must be at least 1");
        }
        if (maxInstances < minInstances) {
            throw new InvalidSettingException("context endpointMaxInstances = " + maxInstances
                    + " is invalid: must be at least endpointMinInstances (" + minInstances + ")");
        }
        if (!(targetInvocationsPerInstance > 0) || Double.isInfinite(targetInvocationsPerInstance)) {
            throw new InvalidSettingException("context endpointTargetInvocationsPerInstance = "
                    + targetInvocationsPerInstance + " is invalid: must be greater than 0");
        }
        if (scaleInCooldownSeconds < 0) {
            throw new InvalidSettingException("context endpointScaleInCooldownSeconds = " + scaleInCooldownSeconds
                    + " is invalid: must be 0 or more");
        }
        if (scaleOutCooldownSeconds < 0) {
            throw new InvalidSettingException("context endpointScaleOutCooldownSeconds = " + scaleOutCooldownSeconds
                    + " is invalid: must be 0 or more");
        }
    }

    /** The defaults for an endpoint that starts with {@code instanceCount} instances. */
    public static ScalingSettings defaults(int instanceCount) {
        return new ScalingSettings(
                instanceCount,
                Math.max(DEFAULT_MAX_INSTANCES, instanceCount),
                DEFAULT_TARGET_INVOCATIONS_PER_INSTANCE,
                DEFAULT_SCALE_IN_COOLDOWN_SECONDS,
                DEFAULT_SCALE_OUT_COOLDOWN_SECONDS);
    }

    /**
     * Whether a scalable target and policy are registered: not for a fixed fleet (maximum = minimum). A fixed fleet
     * is also how to change the instance type of a scaled endpoint, which SageMaker refuses while the variant is a
     * scalable target (docs/deploy.md).
     */
    public boolean autoscales() {
        return maxInstances > minInstances;
    }
}

package com.example.credit.infra;

import java.util.regex.Pattern;

/**
 * Thresholds of the endpoint's CloudWatch alarms, and where they notify.
 *
 * @param error4xxRatePercent context {@code alarm4xxRatePercent}, default {@value #DEFAULT_4XX_RATE_PERCENT}: the
 *     share of invocations answered 4xx; in (0, 100]
 * @param error5xxRatePercent context {@code alarm5xxRatePercent}, default {@value #DEFAULT_5XX_RATE_PERCENT}: the
 *     share answered 5xx; in (0, 100]
 * @param modelLatencyP99Millis context {@code alarmModelLatencyP99Millis}, default
 *     {@value #DEFAULT_MODEL_LATENCY_P99_MILLIS}: p99 of {@code ModelLatency} in milliseconds (CloudWatch counts it
 *     in microseconds); greater than 0
 * @param cpuUtilizationPercent context {@code alarmCpuUtilizationPercent}, default
 *     {@value #DEFAULT_CPU_UTILIZATION_PERCENT}: average CPU of the instances as a share of all their vCPUs; in
 *     (0, 100]. CloudWatch's {@code CPUUtilization} sums the cores (up to 100 % × vCPUs), so the alarm's threshold is
 *     this value times the vCPUs of {@code endpointInstanceType}
 * @param email context {@code alarmEmail}: when set, an encrypted SNS topic with this e-mail subscription receives
 *     the alarms' state changes; null for none
 */
public record AlarmSettings(
        double error4xxRatePercent,
        double error5xxRatePercent,
        double modelLatencyP99Millis,
        double cpuUtilizationPercent,
        String email) {

    /**
     * Bad requests (unknown categories, schema violations, oversized payloads) are the client's, but 1 in 20 over
     * ten minutes means a broken integration, e.g. a client still sending the categories of an older schema.
     */
    public static final double DEFAULT_4XX_RATE_PERCENT = 5;

    /** The explainer answers bad input with 4xx; a 5xx is a fault of the service (none in the soak's 117 000). */
    public static final double DEFAULT_5XX_RATE_PERCENT = 1;

    /**
     * About ten times the p99 the explainer showed under mixed load on 2 shared cores (18.9 ms, docs/reliability.md;
     * 4.2 ms for one-application requests at saturation): a breach means queueing or a stalled instance, not
     * noise. Clients that send large JSON Lines batches need a higher value.
     */
    public static final double DEFAULT_MODEL_LATENCY_P99_MILLIS = 200;

    /** Sustained 80 % of every vCPU leaves no headroom for the minutes a scale-out takes. */
    public static final double DEFAULT_CPU_UTILIZATION_PERCENT = 80;

    /** Deliberately loose: SNS sends a confirmation mail, which is the real check. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public AlarmSettings {
        requirePercent("alarm4xxRatePercent", error4xxRatePercent);
        requirePercent("alarm5xxRatePercent", error5xxRatePercent);
        if (!(modelLatencyP99Millis > 0) || Double.isInfinite(modelLatencyP99Millis)) {
            throw new InvalidSettingException("context alarmModelLatencyP99Millis = " + modelLatencyP99Millis
                    + " is invalid: must be greater than 0");
        }
        requirePercent("alarmCpuUtilizationPercent", cpuUtilizationPercent);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidSettingException(
                    "context alarmEmail = '" + email + "' is invalid: must be an e-mail address like ops@example.com");
        }
    }

    /** The defaults, without notifications. */
    public static AlarmSettings defaults() {
        return new AlarmSettings(
                DEFAULT_4XX_RATE_PERCENT,
                DEFAULT_5XX_RATE_PERCENT,
                DEFAULT_MODEL_LATENCY_P99_MILLIS,
                DEFAULT_CPU_UTILIZATION_PERCENT,
                null);
    }

    /** Whether the alarms notify an e-mail address through SNS. */
    public boolean notifies() {
        return email != null;
    }

    /** The {@code ModelLatency} threshold in CloudWatch's unit, microseconds. */
    public double modelLatencyP99Micros() {
        return modelLatencyP99Millis * 1000;
    }

    /** The {@code CPUUtilization} threshold on CloudWatch's scale (100 % per vCPU) for instances with {@code vcpus}. */
    public double cpuUtilizationThreshold(int vcpus) {
        return cpuUtilizationPercent * vcpus;
    }

    private static void requirePercent(String key, double value) {
        if (!(value > 0 && value <= 100)) {
            throw new InvalidSettingException(
                    "context " + key + " = " + value + " is invalid: must be greater than 0 and at most 100");
        }
    }
}

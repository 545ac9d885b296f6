package com.example.credit.infra;

import java.util.function.Function;
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
 */
public record AppSettings(boolean deployEndpoint, String endpointInstanceType, int endpointInstanceCount) {

    public static final String DEFAULT_INSTANCE_TYPE = "ml.m5.large";

    /** SageMaker hosting instance types look like {@code ml.m5.large} or {@code ml.c7g.2xlarge}. */
    public static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+");

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
        return new AppSettings(
                parseBoolean("endpoint", context.apply("endpoint")),
                context.apply("endpointInstanceType") == null
                        ? DEFAULT_INSTANCE_TYPE
                        : String.valueOf(context.apply("endpointInstanceType")),
                parseCount("endpointInstanceCount", context.apply("endpointInstanceCount")));
    }

    private static boolean parseBoolean(String key, Object value) {
        if (value == null) {
            return false;
        }
        String text = String.valueOf(value);
        if (!text.equals("true") && !text.equals("false")) {
            throw new InvalidSettingException("context " + key + " = '" + text + "' is invalid: must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static int parseCount(String key, Object value) {
        if (value == null) {
            return 1;
        }
        String text = String.valueOf(value);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(
                    "context " + key + " = '" + text + "' is invalid: must be a whole number");
        }
    }
}

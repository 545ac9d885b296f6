package com.example.credit.infra;

import java.util.function.Function;

/**
 * Typed reads of CDK context values: strings from the command line ({@code -c key=value}) or typed JSON values
 * from cdk.json. An absent key yields the caller's default; a malformed value throws with the key, the value and
 * the rule.
 */
final class ContextValues {

    private final Function<String, Object> context;

    ContextValues(Function<String, Object> context) {
        this.context = context;
    }

    boolean bool(String key, boolean fallback) {
        Object value = context.apply(key);
        if (value == null) {
            return fallback;
        }
        String text = String.valueOf(value);
        if (!text.equals("true") && !text.equals("false")) {
            throw new InvalidSettingException("context " + key + " = '" + text + "' is invalid: must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    int whole(String key, int fallback) {
        Object value = context.apply(key);
        if (value == null) {
            return fallback;
        }
        // cdk.json numbers may arrive as Integer or Double; 3.0 is a whole number, 2.5 is not.
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        String text = String.valueOf(value);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(
                    "context " + key + " = '" + text + "' is invalid: must be a whole number");
        }
    }

    double number(String key, double fallback) {
        Object value = context.apply(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        String text = String.valueOf(value);
        try {
            double parsed = Double.parseDouble(text);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException("context " + key + " = '" + text + "' is invalid: must be a number");
    }

    /** The value as text, or null when the key is absent or blank. */
    String text(String key) {
        Object value = context.apply(key);
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        return String.valueOf(value).strip();
    }
}

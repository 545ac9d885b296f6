package com.example.credit.explainer.invocation;

import java.util.Locale;

/**
 * The shape of a response: this service's own, SageMaker Clarify's online explainability shape, or the shape of the
 * original sample's container (awslabs/sagemaker-explaining-credit-decisions), so that clients written for either
 * read this service unchanged.
 */
public enum ExplanationFormat {
    /** One object per record with the selected entities. */
    STANDARD,
    /** {@code {"version","predictions","label_headers","explanations":{"kernel_shap":[...]}}} as Clarify returns. */
    CLARIFY,
    /**
     * Per record {@code {"data","features","descriptions","prediction","explanation":{"expected_value",
     * "shap_values":{feature: value},"shap_interaction_values":{"labels","values"}}}} as the original sample's
     * container returned it, for the entities it knew.
     */
    ORIGINAL;

    /**
     * The format named by an {@code explanation_format=} option.
     *
     * @throws InvalidOptionException for an unknown name
     */
    public static ExplanationFormat fromOption(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "standard" -> STANDARD;
            case "clarify" -> CLARIFY;
            case "original" -> ORIGINAL;
            default ->
                throw new InvalidOptionException(
                        "explanation_format '" + value.strip() + "' is not one of standard, clarify, original");
        };
    }
}

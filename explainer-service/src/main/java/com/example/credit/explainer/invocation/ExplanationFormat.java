package com.example.credit.explainer.invocation;

import java.util.Locale;

/** The shape of a response: this service's own, or SageMaker Clarify's online explainability shape. */
public enum ExplanationFormat {
    /** One object per record with the selected entities. */
    STANDARD,
    /** {@code {"version","predictions","label_headers","explanations":{"kernel_shap":[...]}}} as Clarify returns. */
    CLARIFY;

    /**
     * The format named by an {@code explanation_format=} option.
     *
     * @throws InvalidOptionException for an unknown name
     */
    public static ExplanationFormat fromOption(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "standard" -> STANDARD;
            case "clarify" -> CLARIFY;
            default ->
                throw new InvalidOptionException(
                        "explanation_format '" + value.strip() + "' is not one of standard, clarify");
        };
    }
}

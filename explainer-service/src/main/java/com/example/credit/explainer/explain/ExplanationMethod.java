package com.example.credit.explainer.explain;

import java.util.Arrays;
import java.util.List;

/** Which SHAP values explain a prediction: against the training data as the trees saw it, or against a reference. */
public enum ExplanationMethod {
    /** Exact path-dependent TreeSHAP: relative to the trees' own training counts (LightGBM's {@code pred_contrib}). */
    PATH_DEPENDENT("path_dependent"),
    /** Exact interventional TreeSHAP against the rows of a reference population shipped with the model. */
    INTERVENTIONAL("interventional");

    private final String wireName;

    ExplanationMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The name in requests ({@code explanation_method=}) and responses. */
    public String wireName() {
        return wireName;
    }

    /** Every wire name, the default first. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ExplanationMethod::wireName).toList();
    }
}

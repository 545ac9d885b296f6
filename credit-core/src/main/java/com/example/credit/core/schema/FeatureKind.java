package com.example.credit.core.schema;

/** How the model treats a feature. */
public enum FeatureKind {
    /** A string value from a closed set; LightGBM sees its index in that set and splits on it natively. */
    CATEGORICAL,
    /** A number (counts, amounts, durations and 0/1 flags); LightGBM sees the value itself. */
    NUMERIC
}

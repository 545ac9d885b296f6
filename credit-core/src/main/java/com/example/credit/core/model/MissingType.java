package com.example.credit.core.model;

/**
 * How a numerical split treats missing values, bits 2-3 of LightGBM's {@code decision_type}.
 *
 * <p>{@link #NONE}: NaN is read as 0 and compared with the threshold. {@link #ZERO}: 0 (and NaN, which is
 * read as 0) takes the default direction. {@link #NAN}: NaN takes the default direction, 0 is compared.
 */
public enum MissingType {
    NONE,
    ZERO,
    NAN;

    /** The missing type stored under {@code code} (0, 1 or 2). */
    static MissingType fromCode(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> ZERO;
            case 2 -> NAN;
            default ->
                throw new ModelFormatException(
                        "missing type " + code + " is unknown, LightGBM defines 0 (None), 1 (Zero) and 2 (NaN)");
        };
    }
}

package com.example.credit.core.model;

import java.util.regex.Pattern;

/** Number parsing shared by the model text reader, accepting the spellings LightGBM writes. */
final class ModelNumbers {

    // Double.parseDouble also takes hexadecimal, "1d" suffixes and surrounding blanks, which LightGBM never writes.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private ModelNumbers() {}

    /**
     * Parses a double as LightGBM writes it: decimal with up to 17 significant digits (read back exactly by
     * {@link Double#parseDouble}), or {@code inf}, {@code -inf}, {@code nan} as C++ streams print them.
     */
    static double parseDouble(String text) {
        return switch (text) {
            case "inf", "+inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan", "NaN" -> Double.NaN;
            default -> {
                if (!DECIMAL.matcher(text).matches()) {
                    throw new NumberFormatException("'" + text + "' is not a decimal number");
                }
                yield Double.parseDouble(text);
            }
        };
    }
}

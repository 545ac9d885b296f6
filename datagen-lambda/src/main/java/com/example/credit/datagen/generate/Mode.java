package com.example.credit.datagen.generate;

import com.example.credit.datagen.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;

/** How applicants are produced from the Statlog data. */
public enum Mode {
    /** One applicant per Statlog row, in file order. */
    STATLOG,
    /** Any number of applicants sampled from the Statlog rows with perturbed numbers. */
    SYNTHETIC;

    /** The name used in flags, events and the manifest. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a mode by its wire name.
     *
     * @param field the flag or event key the value came from, for the error message
     * @throws InvalidRequestException when the value names no mode
     */
    public static Mode parse(String field, String value) {
        for (Mode mode : values()) {
            if (mode.wireName().equals(value)) {
                return mode;
            }
        }
        throw new InvalidRequestException(
                field,
                value,
                "must be one of " + Arrays.stream(values()).map(Mode::wireName).toList());
    }
}

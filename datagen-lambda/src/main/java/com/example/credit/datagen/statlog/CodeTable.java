package com.example.credit.datagen.statlog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The meaning of every code of one categorical Statlog attribute, in the order of the data documentation.
 *
 * @param attribute the 1-based column number in {@code german.data}
 * @param title what the attribute describes
 * @param meanings code to meaning; decoding any other code fails
 * @param <T> the type a code decodes to
 */
public record CodeTable<T>(int attribute, String title, Map<String, T> meanings) {

    public CodeTable {
        if (attribute < 1 || attribute > 21) {
            throw new IllegalArgumentException("attribute must be a Statlog column 1..21, got " + attribute);
        }
        Objects.requireNonNull(title, "title");
        if (meanings.isEmpty()) {
            throw new IllegalArgumentException("attribute " + attribute + " must map at least one code");
        }
        // Map.copyOf would lose the documented order, which the README table and error messages rely on.
        meanings = Collections.unmodifiableMap(new LinkedHashMap<>(meanings));
    }

    /**
     * The meaning of a code.
     *
     * @throws StatlogFormatException when the code is not one of this attribute's codes
     */
    public T decode(String code) {
        T meaning = meanings.get(code);
        if (meaning == null) {
            throw new StatlogFormatException("attribute " + attribute + " (" + title + "): unknown code '" + code
                    + "', expected one of " + meanings.keySet());
        }
        return meaning;
    }
}

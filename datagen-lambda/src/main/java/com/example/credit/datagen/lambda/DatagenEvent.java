package com.example.credit.datagen.lambda;

import com.example.credit.datagen.InvalidRequestException;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.output.OutputLocation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A validated Lambda event.
 *
 * @param request mode, n and seed
 * @param output where to write
 * @param overwrite replace an existing dataset
 */
record DatagenEvent(GenerationRequest request, OutputLocation output, boolean overwrite) {

    /** Environment variable naming the output root when the event has none. */
    static final String OUTPUT_VARIABLE = "OUTPUT_URI";

    static final List<String> KEYS = List.of("mode", "n", "seed", "output", "overwrite");

    DatagenEvent {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(output, "output");
    }

    /**
     * Reads an event such as {@code {"mode":"synthetic","n":100000,"seed":7,"output":"s3://bucket/raw"}}.
     *
     * @param freshSeed draws the seed when the event has none, so that no two invocations share a seed by accident
     * @throws InvalidRequestException naming the key, its value and the rule it breaks
     */
    static DatagenEvent parse(Map<String, Object> event, Map<String, String> environment, LongSupplier freshSeed) {
        Map<String, Object> keys = event == null ? Map.of() : event;
        for (String key : keys.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidRequestException("event key", key, "is not one of " + KEYS);
            }
        }
        Object modeValue = keys.get("mode");
        Mode mode = modeValue == null ? Mode.STATLOG : Mode.parse("mode", String.valueOf(modeValue));
        Object nValue = keys.get("n");
        OptionalLong n = nValue == null ? OptionalLong.empty() : OptionalLong.of(wholeNumber("n", nValue));
        Object seedValue = keys.get("seed");
        long seed = seedValue == null ? freshSeed.getAsLong() : wholeNumber("seed", seedValue);
        Object outputValue = keys.get("output");
        String output = outputValue != null ? String.valueOf(outputValue) : environment.get(OUTPUT_VARIABLE);
        if (output == null || output.isBlank()) {
            throw new InvalidRequestException(
                    "output", outputValue, "must be given in the event or as environment variable " + OUTPUT_VARIABLE);
        }
        return new DatagenEvent(
                GenerationRequest.of(mode, n, seed),
                OutputLocation.parse("output", output),
                bool("overwrite", keys.get("overwrite")));
    }

    // JSON numbers arrive as Integer, Long, Double or BigDecimal depending on the serializer; strings are
    // accepted too because seeds above 2^53 do not survive a JSON double.
    private static long wholeNumber(String key, Object value) {
        try {
            BigDecimal number = value instanceof Number
                    ? new BigDecimal(value.toString())
                    : new BigDecimal(String.valueOf(value).trim());
            return number.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidRequestException(key, value, "must be a whole number within the range of a long");
        }
    }

    private static boolean bool(String key, Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        return switch (String.valueOf(value)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidRequestException(key, value, "must be true or false");
        };
    }
}

package com.example.credit.batch.job;

import com.example.credit.batch.InvalidJobSpecException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up SageMaker's spelling of an option ({@code MultiRecord}, {@code Line}) in an enum. */
final class WireNames {

    private WireNames() {}

    static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> wireName, String field, String value) {
        for (E constant : type.getEnumConstants()) {
            // SageMaker spells them in one way; case is forgiven on the command line only.
            if (wireName.apply(constant).equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        throw new InvalidJobSpecException(
                field,
                value,
                "must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(wireName).collect(Collectors.joining(", ")));
    }
}

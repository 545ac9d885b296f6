package com.example.credit.core.application;

/** A category whose value on the wire (in JSON, CSV and the schema's enum) differs from its Java name. */
public interface WireValue {

    /** The value as written in data and requests, for example {@code re-training}. */
    String wire();

    /**
     * The constant of {@code type} whose wire value is {@code wire}.
     *
     * @throws InvalidFieldException naming the field, the value and the allowed values
     */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String field, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(wire)) {
                return constant;
            }
        }
        throw new InvalidFieldException(field, "enum", "value '" + wire + "' is not one of " + wiresOf(type));
    }

    /** The wire values of an enum, in declaration order (which is the schema's code order). */
    static <E extends Enum<E> & WireValue> java.util.List<String> wiresOf(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants())
                .map(WireValue::wire)
                .toList();
    }
}

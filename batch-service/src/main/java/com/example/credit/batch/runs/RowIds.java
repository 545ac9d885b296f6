package com.example.credit.batch.runs;

import java.util.HexFormat;
import java.util.Locale;

/** Row ids (16 hexadecimal digits, as the ETL writes them) as the unsigned 64-bit numbers the index sorts. */
final class RowIds {

    private RowIds() {}

    static long parse(String rowId, String where) {
        if (rowId.length() != 16 || !rowId.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new RunIndexException(where + ": row_id '" + rowId + "' is not 16 hexadecimal digits");
        }
        return Long.parseUnsignedLong(rowId, 16);
    }

    /** The id of a query, or empty when it cannot be one. */
    static java.util.OptionalLong tryParse(String rowId) {
        if (rowId == null || rowId.length() != 16 || !rowId.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseUnsignedLong(rowId, 16));
    }

    static String format(long id) {
        return HexFormat.of().toHexDigits(id).toLowerCase(Locale.ROOT);
    }
}

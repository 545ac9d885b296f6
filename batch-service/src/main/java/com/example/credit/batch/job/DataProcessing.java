package com.example.credit.batch.job;

import com.example.credit.batch.FilterException;
import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.filter.JsonPath;
import java.util.Objects;

/**
 * SageMaker's {@code DataProcessing}: which part of each input record is sent, what the output is joined with,
 * and which part of the (joined) output is kept.
 *
 * @param inputFilter JSONPath applied to each input record before it is sent ({@code $}: all of it)
 * @param outputFilter JSONPath applied to each (joined) output ({@code $}: all of it)
 * @param joinSource {@code Input} to join every output with its input record
 */
public record DataProcessing(String inputFilter, String outputFilter, JoinSource joinSource) {

    /** SageMaker's defaults: send everything, keep everything, join nothing. */
    public static final DataProcessing NONE = new DataProcessing("$", "$", JoinSource.NONE);

    /** SageMaker's length limit of both filters. */
    public static final int MAX_FILTER_LENGTH = 63;

    public DataProcessing {
        Objects.requireNonNull(joinSource, "joinSource");
        check("InputFilter", inputFilter);
        check("OutputFilter", outputFilter);
    }

    /** The parsed input filter. */
    public JsonPath inputPath() {
        return JsonPath.parse(inputFilter);
    }

    /** The parsed output filter. */
    public JsonPath outputPath() {
        return JsonPath.parse(outputFilter);
    }

    private static void check(String field, String filter) {
        if (filter == null || filter.isEmpty()) {
            throw new InvalidJobSpecException(field, filter, "must be a JSONPath expression such as $ or $.features");
        }
        if (filter.length() > MAX_FILTER_LENGTH) {
            throw new InvalidJobSpecException(
                    field, filter, "must be at most " + MAX_FILTER_LENGTH + " characters (SageMaker's limit)");
        }
        try {
            JsonPath.parse(filter);
        } catch (FilterException e) {
            throw new InvalidJobSpecException(field, filter, e.getMessage());
        }
    }
}

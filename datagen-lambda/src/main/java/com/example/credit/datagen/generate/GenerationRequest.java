package com.example.credit.datagen.generate;

import com.example.credit.datagen.InvalidRequestException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What to generate: the mode, the number of applicants and the seed every random choice derives from.
 *
 * @param mode statlog or synthetic
 * @param n number of applicants; exactly {@link #STATLOG_ROWS} in statlog mode
 * @param seed the root seed; same mode, seed and n give byte-identical datasets
 */
public record GenerationRequest(Mode mode, long n, long seed) {

    /** Rows in the bundled Statlog data, and so the size of a statlog-mode dataset. */
    public static final long STATLOG_ROWS = 1000;

    /** Applicants in a synthetic dataset when no count is given. */
    public static final long DEFAULT_SYNTHETIC_ROWS = 1000;

    public GenerationRequest {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.STATLOG && n != STATLOG_ROWS) {
            throw new InvalidRequestException("n", n, "statlog mode writes exactly " + STATLOG_ROWS + " applicants");
        }
        if (n < 1) {
            throw new InvalidRequestException("n", n, "must be a positive number of applicants");
        }
    }

    /** A request whose row count defaults by mode when absent. */
    public static GenerationRequest of(Mode mode, OptionalLong n, long seed) {
        long rows = n.orElse(mode == Mode.STATLOG ? STATLOG_ROWS : DEFAULT_SYNTHETIC_ROWS);
        return new GenerationRequest(mode, rows, seed);
    }
}

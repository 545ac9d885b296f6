package com.example.credit.datagen.generate;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Derives an independent random stream per row from the root seed and the row index, so that a row's content
 * does not depend on the rows before it (nor on threads or batching).
 */
final class RowSeeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RowSeeds() {}

    /** The random stream of one row. */
    static SplittableRandom forRow(long seed, long index) {
        return new SplittableRandom(mix64(seed + (index + 1) * GOLDEN_GAMMA));
    }

    /** A version 4 UUID drawn from the row's stream: unique in practice and reproducible. */
    static String uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    // The SplitMix64 finaliser: neighbouring indices give unrelated seeds.
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

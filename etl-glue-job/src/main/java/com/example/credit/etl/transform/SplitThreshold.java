package com.example.credit.etl.transform;

import java.util.Objects;

/**
 * The group of the last test row of a stratum in (split hash, group) order: every row of the stratum at or
 * before it goes to test, the whole of that group included.
 *
 * @param label the stratum (the largest label of a group)
 * @param hash split hash of the last test group
 * @param group id of the last test group (breaks ties between equal hashes)
 */
public record SplitThreshold(boolean label, long hash, String group) {

    public SplitThreshold {
        Objects.requireNonNull(group, "group");
    }
}

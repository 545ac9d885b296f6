package com.example.credit.core.bias;

import java.util.Objects;

/**
 * The counts behind one facet's metrics.
 *
 * @param facet the facet's rows (Clarify's facet <em>d</em>)
 * @param others everyone else (Clarify's facet <em>a</em>)
 */
public record FacetCounts(GroupCounts facet, GroupCounts others) {

    public FacetCounts {
        Objects.requireNonNull(facet, "facet");
        Objects.requireNonNull(others, "others");
        if (facet.predictions().isPresent() != others.predictions().isPresent()) {
            throw new BiasException("both groups need predictions, or neither");
        }
    }
}

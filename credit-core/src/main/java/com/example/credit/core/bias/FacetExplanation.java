package com.example.credit.core.bias;

import java.util.Objects;

/**
 * The explanations of one facet next to everyone else's: whether a feature drives the model's scores differently
 * for the group.
 *
 * @param facet the facet
 * @param facetMembers the mean SHAP values of the facet's rows
 * @param others the mean SHAP values of everyone else
 */
public record FacetExplanation(Facet facet, GroupAttribution facetMembers, GroupAttribution others) {

    public FacetExplanation {
        Objects.requireNonNull(facet, "facet");
        Objects.requireNonNull(facetMembers, "facetMembers");
        Objects.requireNonNull(others, "others");
    }
}

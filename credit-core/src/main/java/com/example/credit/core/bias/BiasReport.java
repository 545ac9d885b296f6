package com.example.credit.core.bias;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The bias metrics of one stage for every facet analysed.
 *
 * @param stage before or after training
 * @param label the label field, {@code credit__default}
 * @param favourableLabelValue the label value counted as the favourable outcome, {@code false} (no default)
 * @param predictionThreshold after training, the probability of default below which the model approves
 * @param groupVariable the variable CDDL and CDDPL condition on, if any
 * @param rows the rows analysed
 * @param facets one report per facet, in the order the facets were given
 */
public record BiasReport(
        Stage stage,
        String label,
        String favourableLabelValue,
        OptionalDouble predictionThreshold,
        Optional<String> groupVariable,
        long rows,
        List<FacetReport> facets) {

    public BiasReport {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(favourableLabelValue, "favourableLabelValue");
        Objects.requireNonNull(predictionThreshold, "predictionThreshold");
        Objects.requireNonNull(groupVariable, "groupVariable");
        facets = List.copyOf(facets);
        if (predictionThreshold.isPresent() != (stage == Stage.POST_TRAINING)) {
            throw new BiasException("a " + stage.jsonName() + " report "
                    + (stage == Stage.POST_TRAINING ? "needs" : "has no") + " prediction threshold");
        }
        Set<String> names = new HashSet<>();
        for (FacetReport facet : facets) {
            if (!names.add(facet.facet().name())) {
                throw new BiasException("facet " + facet.facet().name() + " appears twice; each facet once");
            }
        }
    }

    /**
     * The report of one facet.
     *
     * @throws BiasException when no facet has that name
     */
    public FacetReport facet(String name) {
        return facets.stream()
                .filter(report -> report.facet().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new BiasException("no facet named " + name + "; the report has "
                        + facets.stream().map(f -> f.facet().name()).toList()));
    }
}

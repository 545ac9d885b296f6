package com.example.credit.core.bias;

import java.util.List;
import java.util.Objects;

/**
 * The metrics of one facet.
 *
 * @param facet the facet (group d), compared with everyone else
 * @param counts the counts the metrics come from
 * @param metrics the stage's metrics, in {@link BiasMetric}'s order
 */
public record FacetReport(Facet facet, FacetCounts counts, List<MetricResult> metrics) {

    public FacetReport {
        Objects.requireNonNull(facet, "facet");
        Objects.requireNonNull(counts, "counts");
        metrics = List.copyOf(metrics);
    }

    /**
     * The result of one metric.
     *
     * @throws BiasException when the report does not hold the metric (it belongs to the other stage)
     */
    public MetricResult metric(BiasMetric metric) {
        return metrics.stream()
                .filter(result -> result.metric() == metric)
                .findFirst()
                .orElseThrow(() -> new BiasException("the report of facet " + facet.name() + " has no metric " + metric
                        + "; it is a " + metric.stage().jsonName() + " metric"));
    }
}

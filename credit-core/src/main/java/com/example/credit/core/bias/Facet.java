package com.example.credit.core.bias;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A facet: the group of applicants (Clarify's facet <em>d</em>) whose treatment a bias metric compares with everyone
 * else (facet <em>a</em>), defined on one protected attribute. Either one value of a categorical attribute
 * ({@code personal__gender=female}) or an interval of a numeric one ({@code personal__age<25},
 * {@code 25<=personal__age<35}, {@code personal__age>=65}).
 *
 * <p>Which group is "d" is a choice of the analysis, not a finding: the metrics say which group came out ahead,
 * whichever was chosen (see each metric's reading).
 */
public sealed interface Facet permits Facet.Category, Facet.Range {

    /** The protected attribute the facet is defined on, for example {@code personal__age}. */
    String attribute();

    /** The facet's name in reports: {@code personal__gender=female}, {@code 25<=personal__age<35}. */
    String name();

    /**
     * The facet as SageMaker Clarify's {@code analysis.json} writes it under its attribute: the value
     * ({@code female}) or the interval ({@code [25, 35)}, {@code (-inf, 25)}, {@code [65, +inf)}).
     */
    String valueOrThreshold();

    /**
     * Whether a row whose attribute has {@code value} belongs to the facet.
     *
     * @throws BiasException when a numeric facet meets a value that is not a finite number
     */
    boolean contains(String value);

    /** The applicants whose {@code attribute} equals {@code value}. */
    static Category category(String attribute, String value) {
        return new Category(attribute, value);
    }

    /** One facet per value, in the order given: each value compared with everyone else. */
    static List<Facet> eachValue(String attribute, Collection<String> values) {
        List<Facet> facets = new ArrayList<>();
        values.forEach(value -> facets.add(category(attribute, value)));
        return List.copyOf(facets);
    }

    /** The applicants whose {@code attribute} is below {@code threshold}, for example younger than 25. */
    static Range below(String attribute, double threshold) {
        return new Range(attribute, OptionalDouble.empty(), OptionalDouble.of(threshold));
    }

    /** The applicants whose {@code attribute} is at least {@code threshold}, for example 65 and older. */
    static Range atLeast(String attribute, double threshold) {
        return new Range(attribute, OptionalDouble.of(threshold), OptionalDouble.empty());
    }

    /** The applicants with {@code lowerInclusive <= attribute < upperExclusive}. */
    static Range between(String attribute, double lowerInclusive, double upperExclusive) {
        return new Range(attribute, OptionalDouble.of(lowerInclusive), OptionalDouble.of(upperExclusive));
    }

    /**
     * Bands that cover every value: below the first edge, between consecutive edges, at least the last edge. Edges
     * 25, 35, 50, 65 give {@code <25}, {@code [25, 35)}, {@code [35, 50)}, {@code [50, 65)}, {@code >=65}.
     *
     * @throws BiasException when there is no edge or the edges do not increase
     */
    static List<Facet> bands(String attribute, double... edges) {
        if (edges.length == 0) {
            throw new BiasException("age bands of " + attribute + " need at least one edge");
        }
        for (int k = 1; k < edges.length; k++) {
            if (!(edges[k - 1] < edges[k])) {
                throw new BiasException("band edges of " + attribute + " must increase; got " + number(edges[k - 1])
                        + " then " + number(edges[k]));
            }
        }
        List<Facet> facets = new ArrayList<>();
        facets.add(below(attribute, edges[0]));
        for (int k = 1; k < edges.length; k++) {
            facets.add(between(attribute, edges[k - 1], edges[k]));
        }
        facets.add(atLeast(attribute, edges[edges.length - 1]));
        return List.copyOf(facets);
    }

    /**
     * One value of a categorical attribute.
     *
     * @param attribute the protected attribute, for example {@code personal__gender}
     * @param value the value that puts an applicant in the facet, for example {@code female}
     */
    record Category(String attribute, String value) implements Facet {

        public Category {
            requireAttribute(attribute);
            Objects.requireNonNull(value, "value");
            if (value.isBlank()) {
                throw new BiasException("the value of a facet on " + attribute + " must not be blank");
            }
        }

        @Override
        public String name() {
            return attribute + "=" + value;
        }

        @Override
        public String valueOrThreshold() {
            return value;
        }

        @Override
        public boolean contains(String candidate) {
            return value.equals(candidate);
        }
    }

    /**
     * An interval of a numeric attribute, {@code lowerInclusive <= x < upperExclusive}, open on a side without a
     * bound.
     *
     * @param attribute the protected attribute, for example {@code personal__age}
     * @param lowerInclusive the least value in the facet, if bounded below
     * @param upperExclusive the first value above the facet, if bounded above
     */
    record Range(String attribute, OptionalDouble lowerInclusive, OptionalDouble upperExclusive) implements Facet {

        public Range {
            requireAttribute(attribute);
            Objects.requireNonNull(lowerInclusive, "lowerInclusive");
            Objects.requireNonNull(upperExclusive, "upperExclusive");
            if (lowerInclusive.isEmpty() && upperExclusive.isEmpty()) {
                throw new BiasException("a facet on " + attribute + " needs a lower or an upper bound");
            }
            lowerInclusive.ifPresent(bound -> requireFinite(attribute, bound));
            upperExclusive.ifPresent(bound -> requireFinite(attribute, bound));
            if (lowerInclusive.isPresent()
                    && upperExclusive.isPresent()
                    && !(lowerInclusive.getAsDouble() < upperExclusive.getAsDouble())) {
                throw new BiasException("the facet's lower bound " + number(lowerInclusive.getAsDouble()) + " on "
                        + attribute + " must be below its upper bound " + number(upperExclusive.getAsDouble()));
            }
        }

        @Override
        public String name() {
            if (lowerInclusive.isEmpty()) {
                return attribute + "<" + number(upperExclusive.getAsDouble());
            }
            if (upperExclusive.isEmpty()) {
                return attribute + ">=" + number(lowerInclusive.getAsDouble());
            }
            return number(lowerInclusive.getAsDouble()) + "<=" + attribute + "<" + number(upperExclusive.getAsDouble());
        }

        @Override
        public String valueOrThreshold() {
            String lower = lowerInclusive.isEmpty() ? "(-inf" : "[" + number(lowerInclusive.getAsDouble());
            String upper = upperExclusive.isEmpty() ? "+inf)" : number(upperExclusive.getAsDouble()) + ")";
            return lower + ", " + upper;
        }

        @Override
        public boolean contains(String candidate) {
            double x;
            try {
                x = Double.parseDouble(candidate.strip());
            } catch (NumberFormatException e) {
                throw new BiasException(
                        attribute + " value '" + candidate + "' is not a number; facet " + name() + " compares numbers",
                        e);
            }
            if (!Double.isFinite(x)) {
                throw new BiasException(attribute + " value '" + candidate + "' is not a finite number; facet " + name()
                        + " compares numbers");
            }
            return (lowerInclusive.isEmpty() || x >= lowerInclusive.getAsDouble())
                    && (upperExclusive.isEmpty() || x < upperExclusive.getAsDouble());
        }

        private static void requireFinite(String attribute, double bound) {
            if (!Double.isFinite(bound)) {
                throw new BiasException("a facet bound on " + attribute + " must be a finite number; got " + bound);
            }
        }
    }

    private static void requireAttribute(String attribute) {
        Objects.requireNonNull(attribute, "attribute");
        if (attribute.isBlank()) {
            throw new BiasException("a facet's attribute name must not be blank");
        }
    }

    /** A bound as people write it: 25 rather than 25.0, 0.5 as 0.5. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

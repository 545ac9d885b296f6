package com.example.credit.batch.runs;

import com.example.credit.batch.InvalidBiasSettingsException;
import com.example.credit.core.bias.BiasException;
import com.example.credit.core.bias.Facet;
import com.example.credit.core.bias.Facets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the index step's bias analysis looks at: the facets, each compared with everyone else (credit-core's
 * {@link Facets} syntax); the group variable the conditional metrics (CDDL, CDDPL) hold fixed, a field of the batch
 * output's input record such as {@code credit__purpose}; and the probability of default below which the model
 * approves, the dashboard's decline threshold.
 *
 * <p>A facet is refused unless it can hold applicants of the ETL's protected attributes: an interval of
 * {@code personal__age}, or one of the groups of {@code personal__gender} or {@code personal__relationship_status}
 * ({@link ProtectedAttribute}). So no facet is empty by a typo, and no facet compares a category as a number (whose
 * error would repeat an applicant's value).
 *
 * @param facets the facets, in report order
 * @param groupVariable the group variable, or none (CDDL and CDDPL are then not applicable)
 * @param approvalThreshold approved when the probability of default is below it, in (0, 1)
 */
public record BiasSettings(List<Facet> facets, Optional<String> groupVariable, double approvalThreshold) {

    /** The dashboard's default decline threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** credit-core's default facets and group variable ({@link Facets#DEFAULT}), approved below 0.5. */
    public static final BiasSettings DEFAULT = parse(null, null, DEFAULT_THRESHOLD);

    public BiasSettings {
        facets = List.copyOf(facets);
        Objects.requireNonNull(groupVariable, "groupVariable");
        if (facets.isEmpty()) {
            throw new InvalidBiasSettingsException("the bias analysis needs at least one facet; got none");
        }
        Set<String> names = new HashSet<>();
        for (Facet facet : facets) {
            if (!names.add(facet.name())) {
                throw new InvalidBiasSettingsException("facet " + facet.name() + " is given twice; give each once");
            }
            requireProtected(facet);
        }
        if (!(approvalThreshold > 0 && approvalThreshold < 1)) {
            throw new InvalidBiasSettingsException("the approval threshold " + approvalThreshold + " must lie strictly"
                    + " between 0 and 1: the bias metrics need both approvals and rejections to be possible");
        }
    }

    /**
     * Settings from text, as the command line and the dashboard's properties give them.
     *
     * @param facets facets in {@link Facets#parse}'s syntax, or null for {@link Facets#DEFAULT}
     * @param groupVariable a field name, {@code none}, or null for {@link Facets#DEFAULT_GROUP_VARIABLE}
     * @param approvalThreshold approved below it, in (0, 1)
     * @throws InvalidBiasSettingsException naming the setting and the rule
     */
    public static BiasSettings parse(String facets, String groupVariable, double approvalThreshold) {
        List<Facet> parsedFacets;
        try {
            parsedFacets = Facets.parse(facets == null ? Facets.DEFAULT : facets);
        } catch (BiasException e) {
            throw new InvalidBiasSettingsException("facets: " + e.getMessage(), e);
        }
        Optional<String> parsedGroup;
        try {
            parsedGroup = Facets.groupVariable(groupVariable == null ? Facets.DEFAULT_GROUP_VARIABLE : groupVariable);
        } catch (BiasException e) {
            throw new InvalidBiasSettingsException(e.getMessage(), e);
        }
        return new BiasSettings(parsedFacets, parsedGroup, approvalThreshold);
    }

    /** The protected attributes the facets are defined on, as the ETL names them. */
    Set<String> attributes() {
        Set<String> attributes = new HashSet<>();
        facets.forEach(facet -> attributes.add(facet.attribute()));
        return attributes;
    }

    private static void requireProtected(Facet facet) {
        ProtectedAttribute attribute = ProtectedAttribute.ofSource(facet.attribute());
        if (attribute == null) {
            throw new InvalidBiasSettingsException("facet " + facet.name() + " is on " + facet.attribute()
                    + ", which is not a protected attribute; facets are on "
                    + ProtectedAttribute.sources());
        }
        if (attribute == ProtectedAttribute.AGE_BAND) {
            if (!(facet instanceof Facet.Range)) {
                throw new InvalidBiasSettingsException("facet " + facet.name() + " compares an age with a value; write"
                        + " an interval, such as personal__age<25, 25<=personal__age<35 or personal__age>=65");
            }
        } else if (!(facet instanceof Facet.Category category)) {
            throw new InvalidBiasSettingsException("facet " + facet.name() + " compares " + facet.attribute()
                    + " as a number; write one of its groups, such as " + facet.attribute() + "="
                    + attribute.groups().get(0));
        } else if (!attribute.groups().contains(category.value())) {
            throw new InvalidBiasSettingsException("facet " + facet.name() + " names no group of " + facet.attribute()
                    + "; its groups are " + attribute.groups());
        }
    }
}

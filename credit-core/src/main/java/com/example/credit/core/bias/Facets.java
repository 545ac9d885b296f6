package com.example.credit.core.bias;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facets a bias report covers, written as text so that training, the batch report and the dashboard take the
 * same setting: terms separated by commas, each one facet in the syntax of {@link Facet#name()} —
 * {@code personal__gender=female}, {@code personal__age<25}, {@code 25<=personal__age<35}, {@code personal__age>=65}.
 */
public final class Facets {

    /**
     * The default facets: women; the age bands below 25, 25 to 34, 35 to 49, 50 to 64 and from 65; each relationship
     * status. Each is compared with everyone else.
     */
    public static final String DEFAULT = "personal__gender=female,personal__age<25,25<=personal__age<35,"
            + "35<=personal__age<50,50<=personal__age<65,personal__age>=65,"
            + "personal__relationship_status=single,personal__relationship_status=married,"
            + "personal__relationship_status=divorced,personal__relationship_status=widowed";

    /** The default group variable of the conditional metrics (CDDL, CDDPL): the credit's purpose. */
    public static final String DEFAULT_GROUP_VARIABLE = "credit__purpose";

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final String NUMBER = "-?[0-9]+(?:\\.[0-9]+)?";
    private static final Pattern CATEGORY = Pattern.compile("(" + NAME + ")=([^,<>=]+)");
    private static final Pattern BELOW = Pattern.compile("(" + NAME + ")<(" + NUMBER + ")");
    private static final Pattern AT_LEAST = Pattern.compile("(" + NAME + ")>=(" + NUMBER + ")");
    private static final Pattern BETWEEN = Pattern.compile("(" + NUMBER + ")<=(" + NAME + ")<(" + NUMBER + ")");

    private Facets() {}

    /** The default facets ({@link #DEFAULT}). */
    public static List<Facet> standard() {
        return parse(DEFAULT);
    }

    /**
     * Reads facets from text.
     *
     * @throws BiasException naming the term that is not a facet, or a facet given twice
     */
    public static List<Facet> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BiasException("facets '" + text + "' name none; write terms such as personal__gender=female,"
                    + " personal__age<25, 25<=personal__age<35 or personal__age>=65, separated by commas");
        }
        List<Facet> facets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String raw : text.split(",")) {
            Facet facet = term(raw.strip());
            if (!names.add(facet.name())) {
                throw new BiasException("facet " + facet.name() + " is given twice in '" + text + "'");
            }
            facets.add(facet);
        }
        return List.copyOf(facets);
    }

    /**
     * The group variable from a setting: none for {@code none} or blank, else the name.
     *
     * @throws BiasException when the name is not a column name
     */
    public static Optional<String> groupVariable(String text) {
        if (text == null || text.isBlank() || text.strip().equals("none")) {
            return Optional.empty();
        }
        if (!text.strip().matches(NAME)) {
            throw new BiasException(
                    "group variable '" + text + "' must be a column name such as credit__purpose, or" + " none");
        }
        return Optional.of(text.strip());
    }

    private static Facet term(String term) {
        Matcher m = BETWEEN.matcher(term);
        if (m.matches()) {
            return Facet.between(m.group(2), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)));
        }
        m = AT_LEAST.matcher(term);
        if (m.matches()) {
            return Facet.atLeast(m.group(1), Double.parseDouble(m.group(2)));
        }
        m = BELOW.matcher(term);
        if (m.matches()) {
            return Facet.below(m.group(1), Double.parseDouble(m.group(2)));
        }
        m = CATEGORY.matcher(term);
        if (m.matches()) {
            return Facet.category(m.group(1), m.group(2).strip());
        }
        throw new BiasException("facet '" + term + "' is not one of attribute=value, attribute<number,"
                + " attribute>=number or number<=attribute<number");
    }
}

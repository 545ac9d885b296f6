package com.example.credit.batch.runs;

import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A filter of a run's applicants: comma-separated terms, all of which must hold — {@code label=1} (defaulted),
 * {@code label=0}, {@code label=none}; {@code score>=0.5} (also {@code >}, {@code <=}, {@code <}, {@code =},
 * {@code !=}); {@code reason=credit__amount} (the feature is one of the applicant's reasons); a categorical feature
 * {@code credit__purpose=car} or {@code !=}; a numeric feature with the comparisons of {@code score}; a protected
 * group, {@code protected.personal__gender=female}, {@code protected.age_band=25-34} or {@code !=} (runs indexed
 * with protected attributes only; see {@link ProtectedAttribute} for the attributes and their groups). A term on a
 * feature or a protected attribute holds for no applicant whose value is missing, whatever its operator.
 *
 * @param terms the terms, in the order given
 */
public record ApplicantFilter(List<Term> terms) {

    /** No term: every applicant. */
    public static final ApplicantFilter ALL = new ApplicantFilter(List.of());

    private static final Pattern TERM =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)\\s*(>=|<=|!=|=|>|<)\\s*(.+)");

    /** The prefix of a protected group's key. */
    static final String PROTECTED = "protected.";

    public ApplicantFilter {
        terms = List.copyOf(terms);
    }

    /** What a term compares. */
    public enum Key {
        LABEL,
        SCORE,
        REASON,
        FEATURE,
        PROTECTED
    }

    /**
     * One term.
     *
     * @param key what it reads
     * @param feature the feature's index for {@code REASON} and {@code FEATURE}, the attribute's ordinal for
     *     {@code PROTECTED}, else -1
     * @param operator one of {@code = != > >= < <=}
     * @param number the number compared with (a category's or a group's code, the label as 1/0/-1)
     * @param text the term as written, for messages
     */
    public record Term(Key key, int feature, String operator, double number, String text) {

        boolean test(double value) {
            return switch (operator) {
                case "=" -> value == number;
                case "!=" -> value != number;
                case ">" -> value > number;
                case ">=" -> value >= number;
                case "<" -> value < number;
                default -> value <= number;
            };
        }
    }

    /**
     * Reads a filter.
     *
     * @throws BadQueryException naming the term and the rule it breaks
     */
    public static ApplicantFilter parse(String text, FeatureCatalog catalog) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : text.split(",")) {
            String term = raw.strip();
            Matcher matcher = TERM.matcher(term);
            if (!matcher.matches()) {
                throw new BadQueryException("filter term '" + term + "' is not <key><operator><value>, e.g."
                        + " score>=0.5 or credit__purpose=car");
            }
            String key = matcher.group(1);
            String operator = matcher.group(2);
            String value = matcher.group(3).strip();
            terms.add(
                    switch (key) {
                        case "label" -> new Term(Key.LABEL, -1, equality(term, operator), label(term, value), term);
                        case "score" -> new Term(Key.SCORE, -1, operator, number(term, value), term);
                        case "reason" ->
                            new Term(
                                    Key.REASON,
                                    feature(term, value, catalog).index(),
                                    equality(term, operator),
                                    1,
                                    term);
                        default ->
                            key.startsWith(PROTECTED)
                                    ? protectedTerm(term, key.substring(PROTECTED.length()), operator, value)
                                    : featureTerm(term, key, operator, value, catalog);
                    });
        }
        return new ApplicantFilter(terms);
    }

    private static Term featureTerm(String term, String key, String operator, String value, FeatureCatalog catalog) {
        Feature feature = feature(term, key, catalog);
        if (!feature.isCategorical()) {
            return new Term(Key.FEATURE, feature.index(), operator, number(term, value), term);
        }
        int code = feature.codeOf(value);
        if (code < 0) {
            throw new BadQueryException("filter term '" + term + "': '" + value + "' is not a category of "
                    + feature.name() + "; its categories are " + feature.categories());
        }
        return new Term(Key.FEATURE, feature.index(), equality(term, operator), code, term);
    }

    private static Term protectedTerm(String term, String key, String operator, String value) {
        ProtectedAttribute attribute = ProtectedAttribute.ofKey(key);
        if (attribute == null) {
            throw new BadQueryException("filter term '" + term + "': '" + key + "' is not a protected attribute;"
                    + " they are " + ProtectedAttribute.keys());
        }
        int code = attribute.groups().indexOf(value);
        if (code < 0) {
            throw new BadQueryException("filter term '" + term + "': '" + value + "' is not a group of "
                    + attribute.key() + "; its groups are " + attribute.groups());
        }
        return new Term(Key.PROTECTED, attribute.ordinal(), equality(term, operator), code, term);
    }

    /** Whether a term reads the protected groups. */
    public boolean readsProtectedGroups() {
        return terms.stream().anyMatch(term -> term.key() == Key.PROTECTED);
    }

    private static Feature feature(String term, String name, FeatureCatalog catalog) {
        if (!catalog.contains(name)) {
            throw new BadQueryException("filter term '" + term + "': '" + name + "' is neither label, score, reason"
                    + " nor a feature; the features are " + catalog.names());
        }
        return catalog.feature(name);
    }

    private static String equality(String term, String operator) {
        if (!operator.equals("=") && !operator.equals("!=")) {
            throw new BadQueryException(
                    "filter term '" + term + "' compares with " + operator + "; this key takes =" + " or != only");
        }
        return operator;
    }

    private static double label(String term, String value) {
        return switch (value) {
            case "1", "true", "default" -> 1;
            case "0", "false", "no_default" -> 0;
            case "none" -> -1;
            default ->
                throw new BadQueryException("filter term '" + term + "': label is 1 (default), 0 (no default)"
                        + " or none, not '" + value + "'");
        };
    }

    private static double number(String term, String value) {
        try {
            double number = Double.parseDouble(value);
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadQueryException("filter term '" + term + "': '" + value + "' is not a finite number");
        }
    }
}

package com.example.credit.etl.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import com.example.credit.core.schema.FeatureCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;

/**
 * Builds, for each raw dataset, a column holding the first broken rule of a row as a readable message
 * ("people.jsonl: personal.age = '300' is outside [18, 120] (person_id p-7)"), or null.
 *
 * <p>Feature rules come from credit-core's {@link FeatureCatalog} (the data schema); the ids, the label and
 * the protected attributes, which the schema deliberately does not describe, have their rules here.
 */
public final class Validation {

    /** Rules of the protected attributes (not part of the data schema). */
    public static final List<FieldRule> PROTECTED_RULES = List.of(
            FieldRule.between("personal__age", 18, 120),
            FieldRule.oneOf("personal__gender", "male", "female"),
            FieldRule.oneOf("personal__relationship_status", "single", "married", "divorced", "widowed"));

    /** Rule of the contact type. */
    public static final FieldRule CONTACT_TYPE = FieldRule.oneOf("type", "telephone", "email", "address");

    private Validation() {}

    /** The first broken rule of a row of {@link CreditsTransform#prepare prepared credits}. */
    public static Column credits(FeatureCatalog catalog, String file) {
        List<FieldRule> rules = new ArrayList<>();
        rules.add(FieldRule.present(Columns.CREDIT_ID, ValueType.STRING));
        rules.add(FieldRule.present(Columns.PERSON_ID, ValueType.STRING));
        featureRules(catalog).stream()
                .filter(rule -> rule.name().startsWith(Columns.CREDIT_PREFIX))
                .forEach(rules::add);
        rules.add(FieldRule.present(Columns.LABEL, ValueType.BOOLEAN));
        return firstViolation(rules, file, Validation::creditsSourceName, locator(Columns.CREDIT_ID));
    }

    /** The first broken rule of a row of {@link PeopleTransform#flatten flattened people}. */
    public static Column people(FeatureCatalog catalog, String file) {
        List<FieldRule> rules = new ArrayList<>();
        rules.add(FieldRule.present(Columns.PERSON_ID, ValueType.STRING));
        List<String> personFeatures = PeopleTransform.personFeatures(catalog);
        featureRules(catalog).stream()
                .filter(rule -> personFeatures.contains(rule.name()))
                .forEach(rules::add);
        rules.addAll(PROTECTED_RULES);
        return firstViolation(rules, file, Validation::peopleSourceName, locator(Columns.PERSON_ID));
    }

    /** The rules of the model features, in model order. */
    public static List<FieldRule> featureRules(FeatureCatalog catalog) {
        return catalog.features().stream().map(FieldRule::of).toList();
    }

    /** The first broken rule of a row of {@link ContactsTransform#mark marked contacts}. */
    public static Column contacts(String file) {
        List<FieldRule> rules = List.of(FieldRule.present(Columns.PERSON_ID, ValueType.STRING), CONTACT_TYPE);
        return firstViolation(rules, file, UnaryOperator.identity(), locator(Columns.PERSON_ID));
    }

    /** Null when the row keeps every rule, else the message of the first rule it breaks. */
    public static Column firstViolation(
            List<FieldRule> rules, String file, UnaryOperator<String> sourceName, Column locator) {
        Column[] checks = rules.stream()
                .map(rule -> check(rule, file + ": " + sourceName.apply(rule.name()), locator))
                .toArray(Column[]::new);
        return coalesce(checks);
    }

    private static Column check(FieldRule rule, String field, Column locator) {
        Column value = col(rule.name());
        Column text = value.cast("string");
        List<Column> checks = new ArrayList<>();
        checks.add(when(value.isNull(), concat(lit(field + " is missing"), locator)));
        if (!rule.allowed().isEmpty()) {
            checks.add(when(
                    not(text.isin(rule.allowed().toArray())),
                    concat(lit(field + " = '"), text, lit("' is not one of " + rule.allowed()), locator)));
        }
        if (!rule.range().isUnbounded()) {
            checks.add(when(
                    value.lt(rule.range().minimum()).or(value.gt(rule.range().maximum())),
                    concat(lit(field + " = '"), text, lit("' is outside " + rule.range()), locator)));
        }
        return coalesce(checks.toArray(Column[]::new));
    }

    private static Column locator(String idColumn) {
        return concat(lit(" (" + idColumn + " "), coalesce(col(idColumn), lit("unknown")), lit(")"));
    }

    // Messages name the field as it is written in the raw file, not its prepared name.
    static String creditsSourceName(String name) {
        return name.startsWith(Columns.CREDIT_PREFIX) ? name.substring(Columns.CREDIT_PREFIX.length()) : name;
    }

    static String peopleSourceName(String name) {
        if (name.equals(Columns.NUM_DEPENDENTS)) {
            return "dependents (count)";
        }
        return name.replace(StructFlattener.SEPARATOR, ".");
    }
}

package com.example.credit.datagen.statlog;

import static java.util.Map.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documented mapping from every Statlog attribute code to the raw dataset fields. Each code keeps its
 * obvious meaning from the data README; the module README shows the same table. Numeric attributes (duration,
 * amount, installment rate, residence, age, existing credits, dependents) and the class need no table.
 */
public final class StatlogCodes {

    /** Attribute 1 to {@code finance.accounts.checking.balance}; A14 means the key is absent. */
    public static final CodeTable<Optional<String>> CHECKING_ACCOUNT = new CodeTable<>(
            1,
            "checking account status",
            ordered(
                    entry("A11", Optional.of("negative")),
                    entry("A12", Optional.of("low")),
                    entry("A13", Optional.of("high")),
                    entry("A14", Optional.empty())));

    /** Attribute 3 to {@code finance.repayment_history}. */
    public static final CodeTable<String> CREDIT_HISTORY = new CodeTable<>(
            3,
            "credit history",
            ordered(
                    entry("A30", "good"),
                    entry("A31", "good"),
                    entry("A32", "good"),
                    entry("A33", "poor"),
                    entry("A34", "very_poor")));

    /** Attribute 4 to {@code credits.purpose}. */
    public static final CodeTable<String> PURPOSE = new CodeTable<>(
            4,
            "purpose",
            ordered(
                    entry("A40", "new_car"),
                    entry("A41", "used_car"),
                    entry("A42", "furniture"),
                    entry("A43", "electronics"),
                    entry("A44", "appliances"),
                    entry("A45", "repairs"),
                    entry("A46", "education"),
                    entry("A47", "vacation"),
                    entry("A48", "re-training"),
                    entry("A49", "business"),
                    entry("A410", "other")));

    /** Attribute 6 to {@code finance.accounts.savings.balance}; A65 means the key is absent. */
    public static final CodeTable<Optional<String>> SAVINGS_ACCOUNT = new CodeTable<>(
            6,
            "savings",
            ordered(
                    entry("A61", Optional.of("low")),
                    entry("A62", Optional.of("medium")),
                    entry("A63", Optional.of("high")),
                    entry("A64", Optional.of("very_high")),
                    entry("A65", Optional.empty())));

    /**
     * Attribute 7 to {@code employment.duration} (years, sampled inside the band) and, for A71, to employment type
     * unemployed. The open band of A75 (7 years or more) is capped at 40 years.
     */
    public static final CodeTable<EmploymentBand> EMPLOYED_SINCE = new CodeTable<>(
            7,
            "employed since",
            ordered(
                    entry("A71", new EmploymentBand(true, 0, 0)),
                    entry("A72", new EmploymentBand(false, 0, 0)),
                    entry("A73", new EmploymentBand(false, 1, 3)),
                    entry("A74", new EmploymentBand(false, 4, 6)),
                    entry("A75", new EmploymentBand(false, 7, 40))));

    /** Attribute 9 to {@code personal.gender} and {@code personal.relationship_status} (one status sampled). */
    public static final CodeTable<PersonalStatus> PERSONAL_STATUS = new CodeTable<>(
            9,
            "personal status and sex",
            ordered(
                    entry("A91", new PersonalStatus("male", List.of("divorced"))),
                    entry("A92", new PersonalStatus("female", List.of("divorced", "married"))),
                    entry("A93", new PersonalStatus("male", List.of("single"))),
                    entry("A94", new PersonalStatus("male", List.of("married", "widowed"))),
                    entry("A95", new PersonalStatus("female", List.of("single")))));

    /** Attribute 10 to {@code credits.coapplicant} (A102) and {@code credits.guarantor} (A103). */
    public static final CodeTable<String> OTHER_DEBTORS = new CodeTable<>(
            10,
            "other debtors / guarantors",
            ordered(entry("A101", "none"), entry("A102", "coapplicant"), entry("A103", "guarantor")));

    /** Attribute 12 to {@code finance.other_assets}. */
    public static final CodeTable<String> PROPERTY = new CodeTable<>(
            12,
            "property",
            ordered(
                    entry("A121", "real_estate"),
                    entry("A122", "life_insurance"),
                    entry("A123", "car_or_other"),
                    entry("A124", "none")));

    /** Attribute 14 to {@code finance.credits.other_banks} (A141) and {@code other_stores} (A142). */
    public static final CodeTable<String> OTHER_INSTALLMENT_PLANS = new CodeTable<>(
            14,
            "other installment plans",
            ordered(entry("A141", "other_banks"), entry("A142", "other_stores"), entry("A143", "none")));

    /** Attribute 15 to {@code residence.type}. */
    public static final CodeTable<String> HOUSING =
            new CodeTable<>(15, "housing", ordered(entry("A151", "rent"), entry("A152", "own"), entry("A153", "free")));

    /** Attribute 17 to {@code employment.type} (A71 overrides it with unemployed). */
    public static final CodeTable<String> JOB = new CodeTable<>(
            17,
            "job",
            ordered(
                    entry("A171", "unemployed"),
                    entry("A172", "labourer"),
                    entry("A173", "professional"),
                    entry("A174", "management")));

    /** Attribute 19 to telephone rows in contacts: 1..2 rows when registered, none otherwise. */
    public static final CodeTable<Boolean> TELEPHONE =
            new CodeTable<>(19, "telephone", ordered(entry("A191", false), entry("A192", true)));

    /** Attribute 20 to {@code employment.permit}. */
    public static final CodeTable<String> FOREIGN_WORKER =
            new CodeTable<>(20, "foreign worker", ordered(entry("A201", "foreign"), entry("A202", "domestic")));

    /** Every table, by attribute number. */
    public static final List<CodeTable<?>> ALL = List.of(
            CHECKING_ACCOUNT,
            CREDIT_HISTORY,
            PURPOSE,
            SAVINGS_ACCOUNT,
            EMPLOYED_SINCE,
            PERSONAL_STATUS,
            OTHER_DEBTORS,
            PROPERTY,
            OTHER_INSTALLMENT_PLANS,
            HOUSING,
            JOB,
            TELEPHONE,
            FOREIGN_WORKER);

    private StatlogCodes() {}

    @SafeVarargs
    private static <T> Map<String, T> ordered(Map.Entry<String, T>... entries) {
        Map<String, T> map = new LinkedHashMap<>();
        for (Map.Entry<String, T> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return map;
    }
}

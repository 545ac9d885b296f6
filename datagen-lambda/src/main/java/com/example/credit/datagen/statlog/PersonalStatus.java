package com.example.credit.datagen.statlog;

import java.util.List;
import java.util.Set;

/**
 * What a "personal status and sex" code says: one gender and the relationship statuses it leaves open. Codes
 * such as A92 (female divorced/separated/married) name several statuses; a generator picks one, seeded.
 *
 * @param gender male or female
 * @param relationshipStatuses the statuses the code allows (single, married, divorced, widowed)
 */
public record PersonalStatus(String gender, List<String> relationshipStatuses) {

    private static final Set<String> GENDERS = Set.of("male", "female");
    private static final Set<String> STATUSES = Set.of("single", "married", "divorced", "widowed");

    public PersonalStatus {
        if (!GENDERS.contains(gender)) {
            throw new IllegalArgumentException("gender must be one of " + GENDERS + ", got " + gender);
        }
        relationshipStatuses = List.copyOf(relationshipStatuses);
        if (relationshipStatuses.isEmpty() || !STATUSES.containsAll(relationshipStatuses)) {
            throw new IllegalArgumentException("relationship statuses must be a non-empty subset of " + STATUSES
                    + ", got " + relationshipStatuses);
        }
    }
}

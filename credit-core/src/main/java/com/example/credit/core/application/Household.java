package com.example.credit.core.application;

/**
 * The applicant's household, without any personal data: only counts and flags.
 *
 * @param dependents how many people the applicant provides for, 0 to 20
 * @param hasTelephone whether a telephone is registered under the applicant's name
 */
public record Household(int dependents, boolean hasTelephone) {

    public Household {
        InvalidFieldException.requireRange("personal__num_dependents", dependents, 0, 20);
    }
}

package com.example.credit.datagen.model;

import java.util.Objects;

/**
 * A row of credits.csv.
 *
 * @param creditId unique id of the credit
 * @param personId the applicant
 * @param amount credit amount in DM, positive
 * @param duration months, positive
 * @param purpose new_car, used_car, furniture, electronics, appliances, repairs, education, vacation,
 *     re-training, business or other
 * @param installmentRate 1..4
 * @param guarantor whether a guarantor stands behind the credit
 * @param coapplicant whether someone applies together with the applicant
 * @param defaulted the label: whether the credit defaulted
 * @param derivedFrom the 1-based number of the Statlog row a synthetic applicant was derived from, 0 for an
 *     original Statlog row: the group that the ETL keeps on one side of the train/test split, so that
 *     near-duplicates of one Statlog row cannot sit in both. Never a feature.
 */
public record Credit(
        String creditId,
        String personId,
        int amount,
        int duration,
        String purpose,
        int installmentRate,
        boolean guarantor,
        boolean coapplicant,
        boolean defaulted,
        int derivedFrom) {

    public Credit {
        Objects.requireNonNull(creditId, "creditId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(purpose, "purpose");
        if (amount < 1 || duration < 1) {
            throw new IllegalArgumentException(
                    "amount and duration must be positive, got amount " + amount + ", duration " + duration);
        }
        if (derivedFrom < 0) {
            throw new IllegalArgumentException(
                    "derivedFrom must be 0 (an original row) or a Statlog row number," + " got " + derivedFrom);
        }
        if (installmentRate < 1 || installmentRate > 4) {
            throw new IllegalArgumentException("installment rate must be within 1..4, got " + installmentRate);
        }
    }
}

package com.example.credit.core.application;

import com.example.credit.core.application.Categories.Purpose;
import java.util.Objects;

/**
 * What is asked for.
 *
 * @param amount the amount in Deutsche Mark, 1 to 1,000,000
 * @param durationMonths how long the credit runs, 1 to 120 months
 * @param purpose what the credit is for
 * @param installmentRate the installment as a share of disposable income, 1 (smallest) to 4
 * @param guarantor whether a guarantor stands behind the credit
 * @param coapplicant whether someone applies together with the applicant
 */
public record CreditTerms(
        int amount, int durationMonths, Purpose purpose, int installmentRate, boolean guarantor, boolean coapplicant) {

    public CreditTerms {
        InvalidFieldException.requireRange("credit__amount", amount, 1, 1_000_000);
        InvalidFieldException.requireRange("credit__duration", durationMonths, 1, 120);
        Objects.requireNonNull(purpose, "purpose");
        InvalidFieldException.requireRange("credit__installment_rate", installmentRate, 1, 4);
    }
}

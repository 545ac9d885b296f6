package com.example.credit.datagen.statlog;

import java.util.Objects;
import java.util.Optional;

/**
 * One Statlog applicant with every code decoded through {@link StatlogCodes}, in the column order of
 * {@code german.data}.
 *
 * @param checkingBalance attribute 1; empty when the applicant has no checking account
 * @param durationMonths attribute 2
 * @param repaymentHistory attribute 3
 * @param purpose attribute 4
 * @param amount attribute 5, in DM
 * @param savingsBalance attribute 6; empty when the applicant has no (known) savings account
 * @param employedSince attribute 7
 * @param installmentRate attribute 8, 1..4
 * @param personalStatus attribute 9
 * @param otherDebtors attribute 10: none, coapplicant or guarantor
 * @param residenceYears attribute 11, 1..4
 * @param otherAssets attribute 12
 * @param age attribute 13, in years
 * @param otherInstallmentPlans attribute 14: other_banks, other_stores or none
 * @param housing attribute 15
 * @param creditsAtThisBank attribute 16, 1..4
 * @param job attribute 17
 * @param dependents attribute 18, the number of people the applicant provides maintenance for
 * @param telephone attribute 19
 * @param permit attribute 20: foreign or domestic
 * @param defaulted attribute 21: class 2 (bad) is a default
 */
public record StatlogRecord(
        Optional<String> checkingBalance,
        int durationMonths,
        String repaymentHistory,
        String purpose,
        int amount,
        Optional<String> savingsBalance,
        EmploymentBand employedSince,
        int installmentRate,
        PersonalStatus personalStatus,
        String otherDebtors,
        int residenceYears,
        String otherAssets,
        int age,
        String otherInstallmentPlans,
        String housing,
        int creditsAtThisBank,
        String job,
        int dependents,
        boolean telephone,
        String permit,
        boolean defaulted) {

    public StatlogRecord {
        Objects.requireNonNull(checkingBalance, "checkingBalance");
        Objects.requireNonNull(savingsBalance, "savingsBalance");
        Objects.requireNonNull(employedSince, "employedSince");
        Objects.requireNonNull(personalStatus, "personalStatus");
        requireRange("duration in months", durationMonths, 1, 120);
        requireRange("credit amount", amount, 1, 1_000_000);
        requireRange("installment rate", installmentRate, 1, 4);
        requireRange("present residence since", residenceYears, 1, 4);
        requireRange("age", age, 18, 100);
        requireRange("number of existing credits at this bank", creditsAtThisBank, 1, 4);
        requireRange("number of people liable to provide maintenance for", dependents, 0, 20);
    }

    /** This applicant with the perturbable numeric attributes replaced (the codes and the class stay). */
    public StatlogRecord withNumbers(int newDurationMonths, int newAmount, int newResidenceYears, int newAge) {
        return new StatlogRecord(
                checkingBalance,
                newDurationMonths,
                repaymentHistory,
                purpose,
                newAmount,
                savingsBalance,
                employedSince,
                installmentRate,
                personalStatus,
                otherDebtors,
                newResidenceYears,
                otherAssets,
                newAge,
                otherInstallmentPlans,
                housing,
                creditsAtThisBank,
                job,
                dependents,
                telephone,
                permit,
                defaulted);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new StatlogFormatException(name + " must be within " + min + ".." + max + ", got " + value);
        }
    }
}

package com.example.credit.datagen.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A line of people.jsonl: the applicant's finances, personal data, dependents, employment and residence.
 *
 * @param personId unique id of the person
 * @param finance accounts, repayment history, credits and assets
 * @param personal age, gender, relationship status and name
 * @param dependents the people the applicant provides maintenance for
 * @param employment type, title, years with the employer and work permit
 * @param residence housing type and years at the present residence
 */
public record Person(
        String personId,
        Finance finance,
        Personal personal,
        List<Dependent> dependents,
        Employment employment,
        Residence residence) {

    public Person {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(finance, "finance");
        Objects.requireNonNull(personal, "personal");
        dependents = List.copyOf(dependents);
        Objects.requireNonNull(employment, "employment");
        Objects.requireNonNull(residence, "residence");
    }

    /**
     * The {@code finance} object.
     *
     * @param checkingBalance negative, low or high; empty when the applicant has no checking account
     * @param savingsBalance low, medium, high or very_high; empty when the applicant has no savings account
     * @param repaymentHistory good, poor or very_poor
     * @param creditsThisBank credits at this bank
     * @param creditsOtherBanks installment plans at other banks (0/1)
     * @param creditsOtherStores installment plans at stores (0/1)
     * @param otherAssets real_estate, life_insurance, car_or_other or none
     */
    public record Finance(
            Optional<String> checkingBalance,
            Optional<String> savingsBalance,
            String repaymentHistory,
            int creditsThisBank,
            int creditsOtherBanks,
            int creditsOtherStores,
            String otherAssets) {

        public Finance {
            Objects.requireNonNull(checkingBalance, "checkingBalance");
            Objects.requireNonNull(savingsBalance, "savingsBalance");
            Objects.requireNonNull(repaymentHistory, "repaymentHistory");
            Objects.requireNonNull(otherAssets, "otherAssets");
            if (creditsThisBank < 0 || creditsOtherBanks < 0 || creditsOtherStores < 0) {
                throw new IllegalArgumentException("credit counts must not be negative");
            }
        }
    }

    /**
     * The {@code personal} object.
     *
     * @param age years
     * @param gender male or female
     * @param relationshipStatus single, married, divorced or widowed
     * @param name full name
     */
    public record Personal(int age, String gender, String relationshipStatus, String name) {

        public Personal {
            Objects.requireNonNull(gender, "gender");
            Objects.requireNonNull(relationshipStatus, "relationshipStatus");
            Objects.requireNonNull(name, "name");
            if (age < 18) {
                throw new IllegalArgumentException("an applicant must be at least 18, got age " + age);
            }
        }
    }

    /**
     * An entry of {@code dependents}.
     *
     * @param gender male or female
     * @param name full name
     */
    public record Dependent(String gender, String name) {

        public Dependent {
            Objects.requireNonNull(gender, "gender");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The {@code employment} object.
     *
     * @param type unemployed, labourer, professional or management
     * @param title job title ("none" for the unemployed)
     * @param duration whole years with the present employer
     * @param permit foreign or domestic
     */
    public record Employment(String type, String title, int duration, String permit) {

        public Employment {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(permit, "permit");
            if (duration < 0) {
                throw new IllegalArgumentException("employment duration must not be negative, got " + duration);
            }
        }
    }

    /**
     * The {@code residence} object.
     *
     * @param type rent, own or free
     * @param duration years at the present residence
     */
    public record Residence(String type, int duration) {

        public Residence {
            Objects.requireNonNull(type, "type");
            if (duration < 0) {
                throw new IllegalArgumentException("residence duration must not be negative, got " + duration);
            }
        }
    }
}

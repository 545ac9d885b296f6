package com.example.credit.datagen.statlog;

/**
 * What an "employed since" code says about employment: whether the applicant is unemployed and the band of
 * whole years with the present employer, from which a generator samples one value.
 *
 * @param unemployed true for code A71 only
 * @param minYears smallest year count in the band (inclusive)
 * @param maxYears largest year count in the band (inclusive)
 */
public record EmploymentBand(boolean unemployed, int minYears, int maxYears) {

    public EmploymentBand {
        if (minYears < 0 || maxYears < minYears) {
            throw new IllegalArgumentException(
                    "employment band must satisfy 0 <= minYears <= maxYears, got " + minYears + ".." + maxYears);
        }
    }
}

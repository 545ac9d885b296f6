package com.example.credit.core.application;

import com.example.credit.core.application.Categories.EmploymentType;
import com.example.credit.core.application.Categories.Permit;
import java.util.Objects;

/**
 * The applicant's work.
 *
 * @param type the kind of work
 * @param years years with the present employer, 0 to 60
 * @param permit whether the applicant works as a foreign worker
 */
public record Employment(EmploymentType type, int years, Permit permit) {

    public Employment {
        Objects.requireNonNull(type, "type");
        InvalidFieldException.requireRange("employment__duration", years, 0, 60);
        Objects.requireNonNull(permit, "permit");
    }
}

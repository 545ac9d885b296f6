package com.example.credit.core.application;

import com.example.credit.core.application.Categories.ResidenceType;
import java.util.Objects;

/**
 * Where the applicant lives.
 *
 * @param type rent, own or free
 * @param years years at the present address, 0 to 100
 */
public record Residence(ResidenceType type, int years) {

    public Residence {
        Objects.requireNonNull(type, "type");
        InvalidFieldException.requireRange("residence__duration", years, 0, 100);
    }
}

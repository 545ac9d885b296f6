package com.example.credit.datagen.model;

import java.util.Objects;

/**
 * A row of contacts.csv.
 *
 * @param contactId unique id of the contact row
 * @param personId the person it belongs to
 * @param type telephone, email or address
 * @param value the number, address or e-mail
 */
public record Contact(String contactId, String personId, ContactType type, String value) {

    public Contact {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(type, "type");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("contact " + contactId + " must have a value");
        }
    }
}

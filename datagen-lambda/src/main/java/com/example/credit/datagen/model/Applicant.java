package com.example.credit.datagen.model;

import java.util.List;
import java.util.Objects;

/**
 * One generated applicant: a row of each raw dataset, joined by {@code person_id}.
 *
 * @param credit the credits.csv row
 * @param person the people.jsonl row
 * @param contacts the contacts.csv rows (zero or more)
 */
public record Applicant(Credit credit, Person person, List<Contact> contacts) {

    public Applicant {
        Objects.requireNonNull(credit, "credit");
        Objects.requireNonNull(person, "person");
        contacts = List.copyOf(contacts);
        if (!credit.personId().equals(person.personId())) {
            throw new IllegalArgumentException("credit person_id " + credit.personId()
                    + " must equal the person's person_id " + person.personId());
        }
        for (Contact contact : contacts) {
            if (!contact.personId().equals(person.personId())) {
                throw new IllegalArgumentException("contact " + contact.contactId() + " belongs to "
                        + contact.personId() + ", not to " + person.personId());
            }
        }
    }
}

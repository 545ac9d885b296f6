package com.example.credit.datagen.model;

/** The kinds of contact rows, with the names written to contacts.csv. */
public enum ContactType {
    TELEPHONE("telephone"),
    EMAIL("email"),
    ADDRESS("address");

    private final String wireName;

    ContactType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code type} column. */
    public String wireName() {
        return wireName;
    }
}

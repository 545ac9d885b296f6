package com.example.credit.datagen.output;

import java.util.List;

/** The fixed paths of the raw datasets under an output root; other modules read exactly these. */
public final class DatasetLayout {

    /** The credits dataset. */
    public static final String CREDITS = "credits/credits.csv";

    /** The people dataset. */
    public static final String PEOPLE = "people/people.jsonl";

    /** The contacts dataset. */
    public static final String CONTACTS = "contacts/contacts.csv";

    /** The manifest, written last: without it the dataset does not exist. */
    public static final String SUCCESS = "_SUCCESS";

    /** Every data file, in the order they are opened. */
    public static final List<String> DATA_FILES = List.of(CREDITS, PEOPLE, CONTACTS);

    private DatasetLayout() {}
}

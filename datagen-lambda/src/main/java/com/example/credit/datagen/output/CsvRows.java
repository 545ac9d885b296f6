package com.example.credit.datagen.output;

import com.example.credit.datagen.model.Contact;
import com.example.credit.datagen.model.Credit;

/** The CSV encoding of credits.csv and contacts.csv (RFC 4180, UTF-8, LF line ends). */
public final class CsvRows {

    /** Header line of credits.csv. */
    public static final String CREDITS_HEADER =
            "credit_id,person_id,amount,duration,purpose,installment_rate,guarantor,coapplicant,default,derived_from";

    /** Header line of contacts.csv. */
    public static final String CONTACTS_HEADER = "contact_id,person_id,type,value";

    private CsvRows() {}

    /**
     * One credits.csv line, without the line end. {@code derived_from} is empty for an original Statlog row and
     * the Statlog row number for a synthetic applicant.
     */
    public static String credit(Credit credit) {
        return credit.creditId()
                + ','
                + credit.personId()
                + ','
                + credit.amount()
                + ','
                + credit.duration()
                + ','
                + field(credit.purpose())
                + ','
                + credit.installmentRate()
                + ','
                + (credit.guarantor() ? 1 : 0)
                + ','
                + (credit.coapplicant() ? 1 : 0)
                + ','
                + credit.defaulted()
                + ','
                + (credit.derivedFrom() == 0 ? "" : Integer.toString(credit.derivedFrom()));
    }

    /** One contacts.csv line, without the line end. */
    public static String contact(Contact contact) {
        return contact.contactId()
                + ','
                + contact.personId()
                + ','
                + contact.type().wireName()
                + ','
                + field(contact.value());
    }

    /** A field quoted only when it must be (addresses hold commas); inner quotes are doubled. */
    static String field(String value) {
        boolean needsQuotes = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}

package com.example.credit.datagen.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.datagen.model.Contact;
import com.example.credit.datagen.model.ContactType;
import com.example.credit.datagen.model.Credit;
import com.example.credit.datagen.support.RawRows;
import org.junit.jupiter.api.Test;

class CsvRowsTests {

    @Test
    void quotesAValueWithACommaSoThatItStaysOneField() {
        Contact contact = new Contact("c1", "p1", ContactType.ADDRESS, "1 Main St, Springfield, IL 62701");
        String line = CsvRows.contact(contact);
        assertThat(line).isEqualTo("c1,p1,address,\"1 Main St, Springfield, IL 62701\"");
        assertThat(RawRows.csv(CsvRows.CONTACTS_HEADER + "\n" + line).get(0).get("value"))
                .isEqualTo("1 Main St, Springfield, IL 62701");
    }

    @Test
    void doublesQuotesInsideAQuotedValue() {
        assertThat(CsvRows.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void leavesPlainValuesUnquoted() {
        assertThat(CsvRows.field("(669) 229-4915")).isEqualTo("(669) 229-4915");
    }

    @Test
    void writesFlagsAsZeroOrOneAndTheLabelAsTrueOrFalse() {
        Credit credit = new Credit("c1", "p1", 1169, 6, "re-training", 4, true, false, true, 0);
        assertThat(CsvRows.credit(credit)).isEqualTo("c1,p1,1169,6,re-training,4,1,0,true,");
    }

    @Test
    void writesTheStatlogRowASyntheticApplicantDerivesFromAndNothingForAnOriginalRow() {
        Credit derived = new Credit("c2", "p2", 1200, 7, "business", 2, false, true, false, 417);
        assertThat(CsvRows.credit(derived)).isEqualTo("c2,p2,1200,7,business,2,0,1,false,417");
        assertThat(CsvRows.CREDITS_HEADER).endsWith(",default,derived_from");
    }
}

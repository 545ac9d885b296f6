package com.example.credit.datagen.output;

import com.example.credit.datagen.model.Person;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON encoding of one people.jsonl line, in the field order of the data contract. Account objects are
 * left out when the applicant has no such account.
 */
public final class PeopleJson {

    // One generator per line over the shared writer: the writer stays open and unflushed between lines.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private PeopleJson() {}

    /** Writes the person as one JSON object followed by a line feed. */
    public static void writeLine(Person person, Writer out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("person_id", person.personId());
            writeFinance(json, person.finance());
            writePersonal(json, person.personal());
            json.writeName("dependents");
            json.writeStartArray();
            for (Person.Dependent dependent : person.dependents()) {
                json.writeStartObject();
                json.writeStringProperty("gender", dependent.gender());
                json.writeStringProperty("name", dependent.name());
                json.writeEndObject();
            }
            json.writeEndArray();
            Person.Employment employment = person.employment();
            json.writeName("employment");
            json.writeStartObject();
            json.writeStringProperty("type", employment.type());
            json.writeStringProperty("title", employment.title());
            json.writeNumberProperty("duration", employment.duration());
            json.writeStringProperty("permit", employment.permit());
            json.writeEndObject();
            json.writeName("residence");
            json.writeStartObject();
            json.writeStringProperty("type", person.residence().type());
            json.writeNumberProperty("duration", person.residence().duration());
            json.writeEndObject();
            json.writeEndObject();
        } catch (JacksonIOException e) {
            // Jackson 3 wraps the target's I/O failure (a failed S3 part upload, a full disk) unchecked.
            throw e.getCause() != null ? e.getCause() : new IOException(e.getMessage(), e);
        }
        out.write('\n');
    }

    private static void writeFinance(JsonGenerator json, Person.Finance finance) {
        json.writeName("finance");
        json.writeStartObject();
        json.writeName("accounts");
        json.writeStartObject();
        writeAccount(json, "checking", finance.checkingBalance());
        writeAccount(json, "savings", finance.savingsBalance());
        json.writeEndObject();
        json.writeStringProperty("repayment_history", finance.repaymentHistory());
        json.writeName("credits");
        json.writeStartObject();
        json.writeNumberProperty("this_bank", finance.creditsThisBank());
        json.writeNumberProperty("other_banks", finance.creditsOtherBanks());
        json.writeNumberProperty("other_stores", finance.creditsOtherStores());
        json.writeEndObject();
        json.writeStringProperty("other_assets", finance.otherAssets());
        json.writeEndObject();
    }

    private static void writeAccount(JsonGenerator json, String name, Optional<String> balance) {
        if (balance.isPresent()) {
            json.writeName(name);
            json.writeStartObject();
            json.writeStringProperty("balance", balance.get());
            json.writeEndObject();
        }
    }

    private static void writePersonal(JsonGenerator json, Person.Personal personal) {
        json.writeName("personal");
        json.writeStartObject();
        json.writeNumberProperty("age", personal.age());
        json.writeStringProperty("gender", personal.gender());
        json.writeStringProperty("relationship_status", personal.relationshipStatus());
        json.writeStringProperty("name", personal.name());
        json.writeEndObject();
    }
}

package com.example.credit.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTests {

    private static SparkSession spark;

    private int rawDatasets;

    @TempDir
    Path work;

    @BeforeAll
    static void startSpark() {
        spark = SparkTestSession.shared();
    }

    @Test
    void refusesRawDatasetWithoutSuccessMarker() {
        RawFixture raw = RawFixture.handMade();
        raw.manifest = null;
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("has no _SUCCESS marker");
    }

    @Test
    void refusesUnknownManifestVersion() {
        RawFixture raw = RawFixture.handMade();
        raw.manifest = "{\"format_version\":3}";
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("unknown raw dataset format 3")
                .hasMessageContaining("this build reads [1, 2]");
    }

    @Test
    void namesTheMissingColumnOfCredits() {
        RawFixture raw = RawFixture.handMade();
        raw.creditsHeader = "credit_id,person_id,amount,duration,purpose,installment_rate,guarantor,default";
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("credits.csv lacks the column 'coapplicant'");
    }

    @Test
    void namesFileColumnValueAndRuleOfAnUnknownCategory() {
        RawFixture raw = RawFixture.handMade();
        raw.credits.set(0, "credit-0001,person-0001,1169,6,spaceship,4,0,0,false");
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("credits.csv: purpose = 'spaceship' is not one of [new_car,")
                .hasMessageEndingWith("(credit_id credit-0001)");
    }

    @Test
    void namesFieldValueAndRangeOfAnOutOfRangeNumber() {
        RawFixture raw = RawFixture.handMade();
        raw.people.set(1, raw.people.get(1).replace("\"age\":52", "\"age\":300"));
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("people.jsonl: personal.age = '300' is outside [18, 120] (person_id person-0002)");
    }

    @Test
    void rejectsAPresentAccountWithoutBalance() {
        RawFixture raw = RawFixture.handMade();
        raw.people.set(0, raw.people.get(0).replace("\"accounts\":{}", "\"accounts\":{\"savings\":{}}"));
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("people.jsonl: finance.accounts.savings.balance is missing (person_id person-0001)");
    }

    @Test
    void refusesDuplicateCreditIds() {
        RawFixture raw = RawFixture.handMade();
        raw.credits.add("credit-0002,person-0001,700,6,repairs,1,0,0,false");
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("credits.csv: credit_id 'credit-0002' occurs more than once");
    }

    @Test
    void refusesUnknownContactType() {
        RawFixture raw = RawFixture.handMade();
        raw.contacts.add("contact-0009,person-0002,pager,12345");
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("contacts.csv: type = 'pager' is not one of [telephone, email, address]"
                        + " (person_id person-0002)");
    }

    @Test
    void failsOnAMalformedJsonLineWhenNoRejectionIsAllowed() throws Exception {
        RawFixture raw = RawFixture.handMade();
        raw.people.add("{\"person_id\":\"person-0009\",\"finance\":");
        Path out = work.resolve("prepared");
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(RejectionLimitExceededException.class)
                .hasMessageContaining("people.jsonl: 1 of 4 records rejected {malformed_line=1}")
                .hasMessageContaining("above the allowed 0.0");
        assertThat(out.resolve("_SUCCESS")).doesNotExist();
        assertThat(Files.readString(out.resolve("_rejections.json")))
                .contains("\"exceeded\" : true", "\"malformed_line\" : 1");
    }

    @Test
    void countsAMalformedLineAndGoesOnWithinTheAllowedFraction() throws Exception {
        RawFixture raw = RawFixture.handMade();
        raw.people.add("{\"person_id\":\"person-0009\",\"finance\":");
        // A non-integer amount does not parse against the schema either: a malformed credit line.
        raw.credits.add("credit-0005,person-0002,lots,6,repairs,1,0,0,false");
        EtlResult result = run(raw, 0.5);
        assertThat(result.trainRows() + result.testRows()).isEqualTo(4);
        assertThat(result.rejections().inputs())
                .extracting(input -> input.file() + "=" + input.reasons())
                .containsExactly(
                        "credits.csv={malformed_line=1, unknown_person=0}",
                        "people.jsonl={malformed_line=1}",
                        "contacts.csv={malformed_line=0}");
        Path out = work.resolve("prepared");
        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(Files.readString(out.resolve("_rejections.json"))).contains("\"exceeded\" : false");
    }

    @Test
    void rejectsACreditOfAnUnknownPerson() {
        RawFixture raw = RawFixture.handMade();
        raw.credits.add("credit-0005,person-0404,700,6,repairs,1,0,0,false");
        assertThatThrownBy(() -> run(raw, 0))
                .isInstanceOf(RejectionLimitExceededException.class)
                .hasMessageContaining("credits.csv: 1 of 5 records rejected {malformed_line=0, unknown_person=1}");
    }

    @Test
    void leavesAnEarlierCompleteOutputMarkedIncompleteAfterAFailedRun() {
        Path out = work.resolve("prepared");
        run(RawFixture.handMade(), 0);
        assertThat(out.resolve("_SUCCESS")).exists();
        RawFixture bad = RawFixture.handMade();
        bad.credits.add("credit-0005,person-0404,700,6,repairs,1,0,0,false");
        assertThatThrownBy(() -> run(bad, 0)).isInstanceOf(RejectionLimitExceededException.class);
        assertThat(out.resolve("_SUCCESS")).doesNotExist();
    }

    private EtlResult run(RawFixture raw, double maxRejectedFraction) {
        Path in = raw.write(work.resolve("raw-" + rawDatasets++));
        EtlOptions options = EtlOptions.of(
                        in.toString(), work.resolve("prepared").toString())
                .withMaxRejectedFraction(maxRejectedFraction);
        return new EtlPipeline(spark).run(options);
    }
}

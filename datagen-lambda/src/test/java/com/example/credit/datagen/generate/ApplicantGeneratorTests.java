package com.example.credit.datagen.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.datagen.model.Applicant;
import com.example.credit.datagen.model.Contact;
import com.example.credit.datagen.model.ContactType;
import com.example.credit.datagen.statlog.StatlogDataset;
import com.example.credit.datagen.statlog.StatlogRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ApplicantGeneratorTests {

    private static final StatlogDataset DATA = StatlogDataset.load();

    private static ApplicantGenerator statlog(long seed) {
        return new ApplicantGenerator(new GenerationRequest(Mode.STATLOG, 1000, seed), DATA);
    }

    private static ApplicantGenerator synthetic(long n, long seed) {
        return new ApplicantGenerator(new GenerationRequest(Mode.SYNTHETIC, n, seed), DATA);
    }

    private static List<Applicant> all(ApplicantGenerator generator) {
        return LongStream.range(0, generator.request().n())
                .mapToObj(generator::applicant)
                .toList();
    }

    @Test
    void dressesTheFirstStatlogRowWithItsMappedCodes() {
        // A11 6 A34 A43 1169 A65 A75 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1
        Applicant first = statlog(42).applicant(0);
        var person = first.person();
        assertThat(first.credit().amount()).isEqualTo(1169);
        assertThat(first.credit().duration()).isEqualTo(6);
        assertThat(first.credit().purpose()).isEqualTo("electronics");
        assertThat(first.credit().guarantor()).isFalse();
        assertThat(first.credit().coapplicant()).isFalse();
        assertThat(first.credit().defaulted()).isFalse();
        assertThat(person.finance().checkingBalance()).contains("negative");
        assertThat(person.finance().savingsBalance()).isEmpty();
        assertThat(person.finance().repaymentHistory()).isEqualTo("very_poor");
        assertThat(person.finance().creditsThisBank()).isEqualTo(2);
        assertThat(person.finance().creditsOtherBanks()).isZero();
        assertThat(person.finance().creditsOtherStores()).isZero();
        assertThat(person.personal().gender()).isEqualTo("male");
        assertThat(person.personal().relationshipStatus()).isEqualTo("single");
        assertThat(person.personal().age()).isEqualTo(67);
        assertThat(person.dependents()).hasSize(1);
        assertThat(person.employment().type()).isEqualTo("professional");
        assertThat(person.employment().duration()).isBetween(7, 40);
        assertThat(person.employment().permit()).isEqualTo("foreign");
        assertThat(person.residence().type()).isEqualTo("own");
        assertThat(person.residence().duration()).isEqualTo(4);
        assertThat(first.contacts().stream().filter(c -> c.type() == ContactType.TELEPHONE))
                .hasSizeBetween(1, 2);
    }

    @Test
    void keepsTheStatlogLabelsAndNumbersInFileOrder() {
        List<Applicant> applicants = all(statlog(7));
        for (int i = 0; i < applicants.size(); i++) {
            StatlogRecord record = DATA.get(i);
            assertThat(applicants.get(i).credit().defaulted()).isEqualTo(record.defaulted());
            assertThat(applicants.get(i).credit().amount()).isEqualTo(record.amount());
            assertThat(applicants.get(i).person().personal().age()).isEqualTo(record.age());
        }
        assertThat(applicants.stream().filter(a -> a.credit().defaulted())).hasSize(300);
    }

    @Test
    void mapsEveryStatlogRowConsistentlyWithItsCodes() {
        List<Applicant> applicants = all(statlog(3));
        for (int i = 0; i < applicants.size(); i++) {
            StatlogRecord record = DATA.get(i);
            Applicant applicant = applicants.get(i);
            var employment = applicant.person().employment();
            if (record.employedSince().unemployed()) {
                assertThat(employment.type()).isEqualTo("unemployed");
                assertThat(employment.duration()).isZero();
            } else {
                assertThat(employment.duration())
                        .isBetween(
                                record.employedSince().minYears(),
                                record.employedSince().maxYears());
            }
            assertThat(record.personalStatus().relationshipStatuses())
                    .contains(applicant.person().personal().relationshipStatus());
            assertThat(applicant.person().dependents()).hasSize(record.dependents());
            long telephones = applicant.contacts().stream()
                    .filter(c -> c.type() == ContactType.TELEPHONE)
                    .count();
            if (record.telephone()) {
                assertThat(telephones).isBetween(1L, 2L);
            } else {
                assertThat(telephones).isZero();
            }
            assertThat(applicant.contacts().stream().filter(c -> c.type() == ContactType.EMAIL))
                    .hasSizeLessThanOrEqualTo(2);
            assertThat(applicant.credit().guarantor())
                    .isEqualTo(record.otherDebtors().equals("guarantor"));
            assertThat(applicant.credit().coapplicant())
                    .isEqualTo(record.otherDebtors().equals("coapplicant"));
        }
    }

    @Test
    void samplesBothAlternativesOfAnAmbiguousPersonalStatus() {
        // A92 (female divorced/separated/married) leaves the status open: both must occur across the rows.
        Set<String> statuses = new HashSet<>();
        List<Applicant> applicants = all(statlog(11));
        for (int i = 0; i < applicants.size(); i++) {
            if (DATA.get(i).personalStatus().relationshipStatuses().size() == 2
                    && DATA.get(i).personalStatus().gender().equals("female")) {
                statuses.add(applicants.get(i).person().personal().relationshipStatus());
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder("divorced", "married");
    }

    @Test
    void recordsTheStatlogRowEachSyntheticApplicantDerivesFromAndKeepsItsCodesAndClass() {
        for (Applicant applicant : all(synthetic(2000, 3))) {
            int source = applicant.credit().derivedFrom();
            assertThat(source).isBetween(1, DATA.size());
            StatlogRecord record = DATA.get(source - 1);
            assertThat(applicant.credit().defaulted()).isEqualTo(record.defaulted());
            assertThat(applicant.credit().purpose()).isEqualTo(record.purpose());
            assertThat(applicant.credit().installmentRate()).isEqualTo(record.installmentRate());
        }
        assertThat(all(statlog(1)))
                .allSatisfy(applicant -> assertThat(applicant.credit().derivedFrom())
                        .as("an original Statlog row derives from nothing")
                        .isZero());
    }

    @Test
    void givesEveryRowUniqueIds() {
        List<Applicant> applicants = all(synthetic(5000, 1));
        Set<String> ids = new HashSet<>();
        for (Applicant applicant : applicants) {
            assertThat(ids.add(applicant.person().personId())).isTrue();
            assertThat(ids.add(applicant.credit().creditId())).isTrue();
            for (Contact contact : applicant.contacts()) {
                assertThat(ids.add(contact.contactId())).isTrue();
            }
        }
    }

    @Test
    void producesTheSameRowForTheSameSeedAndIndexWhateverWasGeneratedBefore() {
        ApplicantGenerator fresh = synthetic(1000, 99);
        ApplicantGenerator used = synthetic(1000, 99);
        for (long i = 0; i < 500; i++) {
            used.applicant(i);
        }
        assertThat(used.applicant(777)).isEqualTo(fresh.applicant(777));
    }

    @Test
    void producesDifferentRowsForDifferentSeeds() {
        assertThat(synthetic(10, 1).applicant(0)).isNotEqualTo(synthetic(10, 2).applicant(0));
        assertThat(statlog(1).applicant(0).person().personal().name())
                .isNotEqualTo(statlog(2).applicant(0).person().personal().name());
    }

    @Test
    void keepsSyntheticNumbersInsideTheObservedRanges() {
        for (Applicant applicant : all(synthetic(20_000, 5))) {
            assertThat(applicant.credit().amount()).isBetween(250, 18424);
            assertThat(applicant.credit().duration()).isBetween(4, 72);
            assertThat(applicant.person().personal().age()).isBetween(19, 75);
            assertThat(applicant.person().residence().duration()).isBetween(1, 4);
        }
    }

    @Test
    void perturbsSyntheticNumbersRatherThanCopyingRows() {
        Set<Integer> amounts = new HashSet<>();
        all(synthetic(20_000, 5)).forEach(a -> amounts.add(a.credit().amount()));
        Set<Integer> statlogAmounts = new HashSet<>();
        DATA.records().forEach(r -> statlogAmounts.add(r.amount()));
        assertThat(amounts).hasSizeGreaterThan(2 * statlogAmounts.size());
    }

    @Test
    void keepsTheRelationBetweenAttributesAndDefaultsInSyntheticData() {
        List<Applicant> applicants = all(synthetic(20_000, 8));
        double overall = defaultRate(applicants, a -> true);
        assertThat(overall).isBetween(0.27, 0.33);
        // In Statlog, a negative checking balance doubles the default rate against no checking account.
        double negative = defaultRate(
                applicants, a -> a.person().finance().checkingBalance().equals(Optional.of("negative")));
        double none = defaultRate(
                applicants, a -> a.person().finance().checkingBalance().isEmpty());
        assertThat(negative).isGreaterThan(0.4);
        assertThat(none).isLessThan(0.15);
        // And long credits default more often than short ones.
        double longCredits = defaultRate(applicants, a -> a.credit().duration() > 36);
        double shortCredits = defaultRate(applicants, a -> a.credit().duration() <= 12);
        assertThat(longCredits).isGreaterThan(shortCredits + 0.15);
    }

    private static double defaultRate(List<Applicant> applicants, Predicate<Applicant> group) {
        List<Applicant> members = applicants.stream().filter(group).toList();
        return members.stream().filter(a -> a.credit().defaulted()).count() / (double) members.size();
    }

    @Test
    void rejectsARowIndexOutsideTheRequest() {
        assertThatThrownBy(() -> synthetic(10, 1).applicant(10))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("row index 10 must be within 0..9");
    }
}

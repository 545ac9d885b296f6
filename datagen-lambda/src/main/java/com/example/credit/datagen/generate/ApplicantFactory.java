package com.example.credit.datagen.generate;

import com.example.credit.datagen.model.Applicant;
import com.example.credit.datagen.model.Contact;
import com.example.credit.datagen.model.ContactType;
import com.example.credit.datagen.model.Credit;
import com.example.credit.datagen.model.Person;
import com.example.credit.datagen.statlog.EmploymentBand;
import com.example.credit.datagen.statlog.StatlogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import net.datafaker.Faker;

/**
 * Dresses a decoded Statlog record as an applicant: ids, names, job title and contact details from Datafaker,
 * and the choices the codes leave open (relationship status, years in employment, number of contact rows).
 *
 * <p>Not thread-safe: it reuses one {@link Faker} and reseeds its {@link Random} for every row, because
 * building a Faker per row costs far more than the row itself. Each row's values depend only on the random
 * stream handed in, so one factory per thread gives the same rows as one factory overall.
 */
final class ApplicantFactory {

    /** Job title of applicants without employment. */
    static final String NO_JOB_TITLE = "none";

    // The open band "7 years or more" would otherwise allow a career longer than the working life.
    private static final int WORKING_AGE = 16;

    private final Random fakerRandom = new Random(0);
    private final Faker faker = new Faker(Locale.US, fakerRandom);

    /**
     * Dresses a Statlog record as an applicant.
     *
     * @param derivedFrom the Statlog row number it was derived from, 0 for an original row (see {@link Credit})
     */
    Applicant create(StatlogRecord record, int derivedFrom, SplittableRandom random) {
        String personId = RowSeeds.uuid(random);
        String creditId = RowSeeds.uuid(random);
        fakerRandom.setSeed(random.nextLong());

        String gender = record.personalStatus().gender();
        List<String> statuses = record.personalStatus().relationshipStatuses();
        String relationshipStatus = statuses.get(random.nextInt(statuses.size()));
        String lastName = faker.name().lastName();
        String firstName = firstName(gender);

        List<Person.Dependent> dependents = new ArrayList<>(record.dependents());
        for (int i = 0; i < record.dependents(); i++) {
            String dependentGender = random.nextBoolean() ? "male" : "female";
            dependents.add(new Person.Dependent(dependentGender, firstName(dependentGender) + " " + lastName));
        }

        EmploymentBand band = record.employedSince();
        String employmentType = band.unemployed() ? "unemployed" : record.job();
        String title =
                employmentType.equals("unemployed") ? NO_JOB_TITLE : faker.job().title();
        int employmentYears = employmentYears(band, record.age(), random);

        Person person = new Person(
                personId,
                new Person.Finance(
                        record.checkingBalance(),
                        record.savingsBalance(),
                        record.repaymentHistory(),
                        record.creditsAtThisBank(),
                        record.otherInstallmentPlans().equals("other_banks") ? 1 : 0,
                        record.otherInstallmentPlans().equals("other_stores") ? 1 : 0,
                        record.otherAssets()),
                new Person.Personal(record.age(), gender, relationshipStatus, firstName + " " + lastName),
                dependents,
                new Person.Employment(employmentType, title, employmentYears, record.permit()),
                new Person.Residence(record.housing(), record.residenceYears()));

        Credit credit = new Credit(
                creditId,
                personId,
                record.amount(),
                record.durationMonths(),
                record.purpose(),
                record.installmentRate(),
                record.otherDebtors().equals("guarantor"),
                record.otherDebtors().equals("coapplicant"),
                record.defaulted(),
                derivedFrom);

        return new Applicant(credit, person, contacts(personId, firstName, lastName, record.telephone(), random));
    }

    private List<Contact> contacts(
            String personId, String firstName, String lastName, boolean telephone, SplittableRandom random) {
        List<Contact> contacts = new ArrayList<>();
        int telephones = telephone ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < telephones; i++) {
            contacts.add(contact(personId, ContactType.TELEPHONE, telephone(random), random));
        }
        String localPart = (firstName + "." + lastName).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
        int emails = random.nextInt(3);
        for (int i = 0; i < emails; i++) {
            String local = i == 0 ? localPart : localPart + random.nextInt(10, 100);
            contacts.add(contact(personId, ContactType.EMAIL, faker.internet().emailAddress(local), random));
        }
        int addresses = random.nextInt(3);
        for (int i = 0; i < addresses; i++) {
            contacts.add(contact(personId, ContactType.ADDRESS, faker.address().fullAddress(), random));
        }
        return contacts;
    }

    // Datafaker's phoneNumber() costs about 30 µs (a third of a row); a US-shaped numerify costs 0.1 µs. Area
    // and exchange codes start with 2..9 as in the North American numbering plan.
    private String telephone(SplittableRandom random) {
        return faker.numerify("(" + random.nextInt(2, 10) + "##) " + random.nextInt(2, 10) + "##-####");
    }

    private static Contact contact(String personId, ContactType type, String value, SplittableRandom random) {
        return new Contact(RowSeeds.uuid(random), personId, type, value);
    }

    private String firstName(String gender) {
        return gender.equals("male")
                ? faker.name().maleFirstName()
                : faker.name().femaleFirstName();
    }

    private static int employmentYears(EmploymentBand band, int age, SplittableRandom random) {
        int max = Math.min(band.maxYears(), Math.max(band.minYears(), age - WORKING_AGE));
        return band.minYears() + random.nextInt(max - band.minYears() + 1);
    }
}

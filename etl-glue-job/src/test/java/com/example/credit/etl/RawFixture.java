package com.example.credit.etl;

import com.example.credit.etl.io.RawLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A raw dataset in datagen's layout, built line by line in tests and written to a folder. */
final class RawFixture {

    static final String MANIFEST = "{\"format_version\":1,\"mode\":\"statlog\",\"seed\":1,\"n\":0}";

    final List<String> credits = new ArrayList<>();
    final List<String> people = new ArrayList<>();
    final List<String> contacts = new ArrayList<>();
    String creditsHeader = String.join(",", RawLayout.CREDITS_HEADER_V1);
    String manifest = MANIFEST;

    /**
     * Three people and four credits: person-0001 has no accounts and no telephone, person-0002 has no
     * contacts at all and no dependents key, person-0003 has two telephones and two credits.
     */
    static RawFixture handMade() {
        RawFixture raw = new RawFixture();
        raw.people.add("""
                {"person_id":"person-0001","finance":{"accounts":{},"repayment_history":"good",\
                "credits":{"this_bank":1,"other_banks":0,"other_stores":0},"other_assets":"real_estate"},\
                "personal":{"age":35,"gender":"female","relationship_status":"married","name":"Anna Schmidt"},\
                "dependents":[{"gender":"male","name":"Karl Schmidt"}],\
                "employment":{"type":"professional","title":"Senior Baker","duration":4,"permit":"domestic"},\
                "residence":{"type":"own","duration":3}}""");
        raw.people.add("""
                {"person_id":"person-0002","finance":{"accounts":{"checking":{"balance":"negative"},\
                "savings":{"balance":"low"}},"repayment_history":"poor",\
                "credits":{"this_bank":2,"other_banks":1,"other_stores":0},"other_assets":"none"},\
                "personal":{"age":52,"gender":"male","relationship_status":"divorced","name":"Bernd Meier"},\
                "employment":{"type":"labourer","title":"Forklift Operator","duration":0,"permit":"foreign"},\
                "residence":{"type":"rent","duration":1}}""");
        raw.people.add("""
                {"person_id":"person-0003","finance":{"accounts":{"checking":{"balance":"high"}},\
                "repayment_history":"very_poor",\
                "credits":{"this_bank":1,"other_banks":0,"other_stores":2},"other_assets":"car_or_other"},\
                "personal":{"age":28,"gender":"female","relationship_status":"single","name":"Clara Wolf"},\
                "dependents":[{"gender":"female","name":"Dora Wolf"},{"gender":"male","name":"Emil Wolf"}],\
                "employment":{"type":"management","title":"Chief Hat Officer","duration":7,"permit":"domestic"},\
                "residence":{"type":"free","duration":10}}""");
        raw.credits.add("credit-0001,person-0001,1169,6,electronics,4,0,0,false");
        raw.credits.add("credit-0002,person-0002,5951,48,new_car,2,1,0,true");
        raw.credits.add("credit-0003,person-0003,2096,12,education,2,0,1,false");
        raw.credits.add("credit-0004,person-0003,7882,42,furniture,3,0,0,false");
        raw.contacts.add("contact-0001,person-0001,email,anna.schmidt@example.org");
        raw.contacts.add("contact-0002,person-0001,address,\"Hauptstrasse 1, 10115 Berlin\"");
        raw.contacts.add("contact-0003,person-0003,telephone,+49 30 1234567");
        raw.contacts.add("contact-0004,person-0003,telephone,+49 170 7654321");
        raw.contacts.add("contact-0005,person-0003,email,clara.wolf@example.net");
        return raw;
    }

    /** The PII and ids of {@link #handMade}: none of them may appear in any prepared file. */
    static List<String> handMadePii() {
        return List.of(
                "Anna Schmidt",
                "Karl Schmidt",
                "Bernd Meier",
                "Clara Wolf",
                "Dora Wolf",
                "Emil Wolf",
                "Senior Baker",
                "Forklift Operator",
                "Chief Hat Officer",
                "anna.schmidt@example.org",
                "clara.wolf@example.net",
                "Hauptstrasse",
                "Berlin",
                "+49 30 1234567",
                "+49 170 7654321",
                "person-000",
                "credit-000",
                "contact-000");
    }

    /** n credits of n people with seeded random attributes, about 30 % of them defaulted. */
    static RawFixture random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] purposes = {"new_car", "used_car", "furniture", "electronics", "business"};
        String[] checking = {"negative", "low", "high"};
        RawFixture raw = new RawFixture();
        for (int i = 0; i < n; i++) {
            String person = String.format(Locale.ROOT, "rp-%05d", i);
            String balance = random.nextInt(4) == 0
                    ? ""
                    : "\"checking\":{\"balance\":\"" + checking[random.nextInt(checking.length)] + "\"}";
            raw.people.add(String.format(
                    Locale.ROOT,
                    "{\"person_id\":\"%s\",\"finance\":{\"accounts\":{%s},\"repayment_history\":\"good\","
                            + "\"credits\":{\"this_bank\":%d,\"other_banks\":0,\"other_stores\":0},"
                            + "\"other_assets\":\"none\"},\"personal\":{\"age\":%d,\"gender\":\"%s\","
                            + "\"relationship_status\":\"single\",\"name\":\"Random Name %d\"},\"dependents\":[],"
                            + "\"employment\":{\"type\":\"labourer\",\"title\":\"Job %d\",\"duration\":%d,"
                            + "\"permit\":\"domestic\"},\"residence\":{\"type\":\"rent\",\"duration\":%d}}",
                    person,
                    balance,
                    1 + random.nextInt(3),
                    19 + random.nextInt(57),
                    random.nextBoolean() ? "male" : "female",
                    i,
                    i,
                    random.nextInt(10),
                    1 + random.nextInt(4)));
            raw.credits.add(String.format(
                    Locale.ROOT,
                    "rc-%05d,%s,%d,%d,%s,%d,%d,%d,%s",
                    i,
                    person,
                    250 + random.nextInt(15000),
                    6 + random.nextInt(60),
                    purposes[random.nextInt(purposes.length)],
                    1 + random.nextInt(4),
                    random.nextInt(2),
                    random.nextInt(2),
                    random.nextInt(10) < 3));
            if (random.nextBoolean()) {
                raw.contacts.add(String.format(Locale.ROOT, "rk-%05d,%s,telephone,+49 30 %07d", i, person, i));
            }
        }
        return raw;
    }

    /**
     * {@link #random} credits in format 2, as datagen's synthetic mode writes them: {@code groups} groups of
     * {@code perGroup} near-duplicates, credit i derived from Statlog row {@code i % groups + 1}, every credit of
     * a group with the group's label (about 30 % of the groups defaulted).
     */
    static RawFixture randomGroups(int groups, int perGroup, long seed) {
        RawFixture raw = random(groups * perGroup, seed);
        SplittableRandom labels = new SplittableRandom(seed + 1);
        boolean[] defaulted = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            defaulted[g] = labels.nextInt(10) < 3;
        }
        for (int i = 0; i < raw.credits.size(); i++) {
            String[] fields = raw.credits.get(i).split(",", -1);
            int group = i % groups;
            fields[8] = Boolean.toString(defaulted[group]);
            raw.credits.set(i, String.join(",", fields) + "," + (group + 1));
        }
        raw.creditsHeader = String.join(",", RawLayout.CREDITS_HEADER);
        raw.manifest = "{\"format_version\":2,\"mode\":\"synthetic\",\"seed\":1,\"n\":" + raw.credits.size() + "}";
        return raw;
    }

    /** Writes the layout under root, _SUCCESS last (omitted when the manifest is null). */
    Path write(Path root) {
        try {
            write(root.resolve(RawLayout.CREDITS_DIR).resolve(RawLayout.CREDITS_FILE), creditsHeader, credits);
            write(root.resolve(RawLayout.PEOPLE_DIR).resolve(RawLayout.PEOPLE_FILE), null, people);
            write(
                    root.resolve(RawLayout.CONTACTS_DIR).resolve(RawLayout.CONTACTS_FILE),
                    String.join(",", RawLayout.CONTACTS_HEADER),
                    contacts);
            if (manifest != null) {
                Files.writeString(root.resolve(RawLayout.SUCCESS), manifest);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String header, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        if (header != null) {
            text.append(header).append('\n');
        }
        lines.forEach(line -> text.append(line).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

package com.example.credit.datagen.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.datagen.Datagen;
import com.example.credit.datagen.OutputException;
import com.example.credit.datagen.generate.ApplicantGenerator;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.statlog.StatlogDataset;
import com.example.credit.datagen.support.RawRows;
import com.example.credit.datagen.support.RawSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class LocalDatasetTests {

    @TempDir
    Path temp;

    private final List<String> log = new ArrayList<>();

    private Manifest generate(Mode mode, long n, long seed, Path folder) {
        return Datagen.run(new GenerationRequest(mode, n, seed), new LocalDatasetTarget(folder, false), log::add);
    }

    private static String read(Path folder, String file) throws IOException {
        return Files.readString(folder.resolve(file));
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void writesTheStatlogModeAsAThousandApplicantsWithThreeHundredDefaults() throws IOException {
        Path out = temp.resolve("raw");
        Manifest manifest = generate(Mode.STATLOG, 1000, 42, out);

        assertThat(listing(out))
                .containsExactly(
                        "",
                        "_SUCCESS",
                        "contacts",
                        "contacts/contacts.csv",
                        "credits",
                        "credits/credits.csv",
                        "people",
                        "people/people.jsonl");
        List<Map<String, String>> credits = RawRows.csv(read(out, DatasetLayout.CREDITS));
        assertThat(credits).hasSize(1000);
        assertThat(credits.stream().filter(c -> c.get("default").equals("true")))
                .hasSize(300);
        assertThat(RawRows.jsonLines(read(out, DatasetLayout.PEOPLE))).hasSize(1000);
        List<Map<String, String>> contacts = RawRows.csv(read(out, DatasetLayout.CONTACTS));
        assertThat(manifest.contacts()).isEqualTo(contacts.size());

        JsonNode success = RawRows.JSON.readTree(read(out, DatasetLayout.SUCCESS));
        assertThat(success.get("format_version").asInt()).isEqualTo(2);
        assertThat(success.get("mode").asString()).isEqualTo("statlog");
        assertThat(success.get("seed").asLong()).isEqualTo(42);
        assertThat(success.get("n").asLong()).isEqualTo(1000);
        assertThat(success.get("rows").get("credits").asLong()).isEqualTo(1000);
        assertThat(success.get("rows").get("people").asLong()).isEqualTo(1000);
        assertThat(success.get("rows").get("contacts").asLong()).isEqualTo(contacts.size());
        assertThat(log).last().asString().contains("wrote 1000 applicants").contains("rows/s");
    }

    @Test
    void writesTheContractHeaders() throws IOException {
        Path out = temp.resolve("raw");
        generate(Mode.SYNTHETIC, 10, 1, out);
        assertThat(RawRows.header(read(out, DatasetLayout.CREDITS)))
                .containsExactly(
                        "credit_id",
                        "person_id",
                        "amount",
                        "duration",
                        "purpose",
                        "installment_rate",
                        "guarantor",
                        "coapplicant",
                        "default",
                        "derived_from");
        assertThat(RawRows.header(read(out, DatasetLayout.CONTACTS)))
                .containsExactly("contact_id", "person_id", "type", "value");
    }

    @Test
    void writesEveryRowConformingToTheRawSchemas() throws IOException {
        for (Mode mode : Mode.values()) {
            Path out = temp.resolve(mode.wireName());
            generate(mode, mode == Mode.STATLOG ? 1000 : 3000, 5, out);
            for (JsonNode person : RawRows.jsonLines(read(out, DatasetLayout.PEOPLE))) {
                assertThat(RawSchemas.violations(RawSchemas.PEOPLE, person))
                        .as("%s", person)
                        .isEmpty();
            }
            for (Map<String, String> credit : RawRows.csv(read(out, DatasetLayout.CREDITS))) {
                assertThat(RawSchemas.violations(RawSchemas.CREDITS, RawRows.typed(credit)))
                        .as("%s", credit)
                        .isEmpty();
            }
            for (Map<String, String> contact : RawRows.csv(read(out, DatasetLayout.CONTACTS))) {
                assertThat(RawSchemas.violations(RawSchemas.CONTACTS, RawRows.strings(contact)))
                        .as("%s", contact)
                        .isEmpty();
            }
        }
    }

    @Test
    void schemasRejectARowThatBreaksTheContract() {
        JsonNode person = RawRows.JSON.readTree(
                "{\"person_id\":\"x\",\"finance\":{\"accounts\":{\"checking\":{\"balance\":\"no_account\"}}}}");
        assertThat(RawSchemas.violations(RawSchemas.PEOPLE, person)).isNotEmpty();
        JsonNode credit = RawRows.typed(Map.of("credit_id", "1", "default", "yes"));
        assertThat(RawSchemas.violations(RawSchemas.CREDITS, credit)).isNotEmpty();
    }

    @Test
    void leavesAbsentAccountsOutOfThePeopleRows() throws IOException {
        Path out = temp.resolve("raw");
        generate(Mode.STATLOG, 1000, 42, out);
        // Row 1 is A11 .. A65 (negative checking, no savings); row 3 is A14 .. A61 (no checking, low savings).
        List<JsonNode> people = RawRows.jsonLines(read(out, DatasetLayout.PEOPLE));
        JsonNode first = people.get(0).get("finance").get("accounts");
        assertThat(first.get("checking").get("balance").asString()).isEqualTo("negative");
        assertThat(first.has("savings")).isFalse();
        JsonNode third = people.get(2).get("finance").get("accounts");
        assertThat(third.has("checking")).isFalse();
        assertThat(third.get("savings").get("balance").asString()).isEqualTo("low");
    }

    @Test
    void joinsEveryCreditAndContactToOnePerson() throws IOException {
        Path out = temp.resolve("raw");
        generate(Mode.SYNTHETIC, 2000, 3, out);
        Set<String> people = new HashSet<>();
        RawRows.jsonLines(read(out, DatasetLayout.PEOPLE))
                .forEach(p ->
                        assertThat(people.add(p.get("person_id").asString())).isTrue());
        List<Map<String, String>> credits = RawRows.csv(read(out, DatasetLayout.CREDITS));
        assertThat(credits).extracting(c -> c.get("person_id")).containsExactlyInAnyOrderElementsOf(people);
        assertThat(RawRows.csv(read(out, DatasetLayout.CONTACTS)))
                .allSatisfy(contact -> assertThat(people).contains(contact.get("person_id")));
    }

    @Test
    void writesByteIdenticalFilesForTheSameModeSeedAndCount() throws IOException {
        for (Mode mode : Mode.values()) {
            Path first = temp.resolve(mode.wireName() + "-1");
            Path second = temp.resolve(mode.wireName() + "-2");
            generate(mode, 1000, 77, first);
            generate(mode, 1000, 77, second);
            for (String file : List.of(
                    DatasetLayout.CREDITS, DatasetLayout.PEOPLE, DatasetLayout.CONTACTS, DatasetLayout.SUCCESS)) {
                assertThat(Files.readAllBytes(second.resolve(file)))
                        .as("%s %s", mode, file)
                        .isEqualTo(Files.readAllBytes(first.resolve(file)));
            }
        }
    }

    @Test
    void writesDifferentBytesForADifferentSeed() throws IOException {
        Path first = temp.resolve("seed-1");
        Path second = temp.resolve("seed-2");
        generate(Mode.STATLOG, 1000, 1, first);
        generate(Mode.STATLOG, 1000, 2, second);
        for (String file : DatasetLayout.DATA_FILES) {
            assertThat(Files.readAllBytes(second.resolve(file)))
                    .as(file)
                    .isNotEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void leavesNoTargetAndNoStagingLitterWhenWritingFailsHalfWay() throws IOException {
        Path out = temp.resolve("raw");
        GenerationRequest request = new GenerationRequest(Mode.SYNTHETIC, 5000, 9);
        ApplicantGenerator generator = new ApplicantGenerator(request, StatlogDataset.load());
        LocalDatasetTarget target = new LocalDatasetTarget(out, false);

        assertThatThrownBy(() -> DatasetWriter.write(
                        request,
                        index -> {
                            if (index == 2500) {
                                throw new IllegalStateException("injected failure at row 2500");
                            }
                            return generator.applicant(index);
                        },
                        target,
                        ProgressReporter.every10Seconds(log::add)))
                .hasMessage("injected failure at row 2500");

        assertThat(listing(temp)).containsExactly("");
    }

    @Test
    void refusesToOverwriteANonEmptyFolder() throws IOException {
        Path out = Files.createDirectories(temp.resolve("raw"));
        Files.writeString(out.resolve("keep.txt"), "precious");

        assertThatThrownBy(() -> new LocalDatasetTarget(out, false))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("output folder " + out + " is not empty")
                .hasMessageContaining("--overwrite");
        assertThat(listing(temp)).containsExactly("", "raw", "raw/keep.txt");
    }

    @Test
    void replacesAnExistingDatasetWhenAskedToOverwrite() throws IOException {
        Path out = temp.resolve("raw");
        generate(Mode.SYNTHETIC, 10, 1, out);
        Files.writeString(out.resolve("stale.txt"), "old");

        Datagen.run(new GenerationRequest(Mode.SYNTHETIC, 20, 2), new LocalDatasetTarget(out, true), log::add);

        assertThat(RawRows.csv(read(out, DatasetLayout.CREDITS))).hasSize(20);
        assertThat(out.resolve("stale.txt")).doesNotExist();
        assertThat(listing(temp)).allMatch(path -> path.isEmpty() || path.startsWith("raw"));
    }

    @Test
    void writesIntoAnExistingEmptyFolder() throws IOException {
        Path out = Files.createDirectories(temp.resolve("raw"));
        generate(Mode.SYNTHETIC, 10, 1, out);
        assertThat(out.resolve(DatasetLayout.SUCCESS)).exists();
    }

    @Test
    void refusesAFileAsOutputFolder() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> new LocalDatasetTarget(file, true))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("is a file");
    }
}

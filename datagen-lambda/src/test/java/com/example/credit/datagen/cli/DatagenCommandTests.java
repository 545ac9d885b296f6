package com.example.credit.datagen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.datagen.generate.ApplicantGenerator;
import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.datagen.generate.Mode;
import com.example.credit.datagen.output.DatasetLayout;
import com.example.credit.datagen.output.PeopleJson;
import com.example.credit.datagen.statlog.StatlogDataset;
import com.example.credit.datagen.support.RawRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class DatagenCommandTests {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DatagenCommand.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheStatlogDatasetToAFolderWithTheDefaultSeed() throws IOException {
        Path folder = temp.resolve("raw");
        assertThat(run("--output", folder.toString())).isZero();

        JsonNode manifest = RawRows.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(manifest.get("mode").asString()).isEqualTo("statlog");
        assertThat(manifest.get("seed").asLong()).isEqualTo(42);
        assertThat(Files.readString(folder.resolve(DatasetLayout.SUCCESS)))
                .isEqualTo(out.toString(StandardCharsets.UTF_8));
        assertThat(stderr()).contains("wrote 1000 applicants").contains("rows/s");
    }

    @Test
    void acceptsFlagsWithEqualsSigns() {
        assertThat(run("--mode=synthetic", "--n=25", "--seed=-3", "--output=" + temp.resolve("raw")))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"n\":25").contains("\"seed\":-3");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--mode|random|mode 'random' is invalid: must be one of [statlog, synthetic]",
                "--n|ten|--n 'ten' is invalid: must be a whole number",
                "--n|0|n '0' is invalid: must be a positive number of applicants",
                "--seed|1.5|--seed '1.5' is invalid: must be a whole number",
                "--output|ftp://host/x|--output 'ftp://host/x' is invalid: only local folders and s3:// URIs",
                "--output|s3://|--output 's3://' is invalid: must name a valid S3 bucket",
                "--frobnicate|1|flag '--frobnicate' is invalid: datagen has no such flag"
            })
    void rejectsABadFlagWithExitCodeTwoAndUsage(String flag, String value, String message) {
        List<String> args = new ArrayList<>(List.of(flag, value));
        if (!flag.equals("--output")) {
            args.addAll(List.of("--output", temp.resolve("raw").toString()));
        }
        if (flag.equals("--n")) {
            args.addAll(List.of("--mode", "synthetic"));
        }
        assertThat(run(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(stderr()).contains(message).contains("Usage: datagen");
        assertThat(temp.resolve("raw")).doesNotExist();
    }

    @Test
    void rejectsAMissingOutput() {
        assertThat(run("--mode", "statlog")).isEqualTo(2);
        assertThat(stderr()).contains("--output (missing) is invalid: must be given");
    }

    @Test
    void rejectsAStatlogRunOfOtherThanAThousandRows() {
        assertThat(run("--n", "10", "--output", temp.resolve("raw").toString())).isEqualTo(2);
        assertThat(stderr()).contains("n '10' is invalid: statlog mode writes exactly 1000 applicants");
    }

    @Test
    void rejectsAFlagWithoutItsValue() {
        assertThat(run("--output")).isEqualTo(2);
        assertThat(stderr()).contains("--output (missing) is invalid: the flag needs a value");
    }

    @Test
    void printsUsageOnHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--mode").contains("--s3-endpoint");
    }

    @Test
    void failsWithExitCodeOneWhenTheOutputFolderIsNotEmpty() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("raw"));
        Files.writeString(folder.resolve("data.csv"), "x");
        assertThat(run("--output", folder.toString())).isEqualTo(1);
        assertThat(stderr()).contains("is not empty");
        assertThat(run("--output", folder.toString(), "--overwrite")).isZero();
    }

    // Datafaker alone needs about 64 MB for its dictionaries.
    private static final long HEAP_MB = 96;

    /**
     * Streams 200 000 synthetic applicants in a JVM whose heap could not hold them (about 1 KB each across the
     * three files), so the run only succeeds if rows are written as they are made.
     */
    @Test
    void streamsTwoHundredThousandApplicantsThroughASmallHeap() throws IOException, InterruptedException {
        Path folder = temp.resolve("big");
        Path log = temp.resolve("datagen.log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + HEAP_MB + "m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DatagenCommand.class.getName(),
                        "--mode",
                        "synthetic",
                        "--n",
                        "200000",
                        "--seed",
                        "5",
                        "--output",
                        folder.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();

        long contacts;
        try (Stream<String> lines = Files.lines(folder.resolve(DatasetLayout.CONTACTS))) {
            contacts = lines.count() - 1;
        }
        try (Stream<String> lines = Files.lines(folder.resolve(DatasetLayout.CREDITS))) {
            assertThat(lines.count()).isEqualTo(200_001);
        }
        try (Stream<String> lines = Files.lines(folder.resolve(DatasetLayout.PEOPLE))) {
            assertThat(lines.count()).isEqualTo(200_000);
        }
        long dataBytes =
                Files.size(folder.resolve(DatasetLayout.PEOPLE)) + Files.size(folder.resolve(DatasetLayout.CREDITS));
        assertThat(dataBytes).as("more data than the heap").isGreaterThan(HEAP_MB * 1024 * 1024);
        JsonNode manifest = RawRows.JSON.readTree(Files.readString(folder.resolve(DatasetLayout.SUCCESS)));
        assertThat(manifest.get("rows").get("contacts").asLong()).isEqualTo(contacts);
        assertThat(Files.readString(log)).contains("wrote 200000 applicants").contains("rows/s");

        // The child JVM made the same rows as this one does for the same request.
        ApplicantGenerator generator =
                new ApplicantGenerator(new GenerationRequest(Mode.SYNTHETIC, 200_000, 5), StatlogDataset.load());
        try (Stream<String> lines = Files.lines(folder.resolve(DatasetLayout.PEOPLE))) {
            List<String> head = lines.limit(100).toList();
            for (int i = 0; i < head.size(); i++) {
                StringWriter expected = new StringWriter();
                PeopleJson.writeLine(generator.applicant(i).person(), expected);
                assertThat(head.get(i) + "\n").isEqualTo(expected.toString());
            }
        }
    }
}

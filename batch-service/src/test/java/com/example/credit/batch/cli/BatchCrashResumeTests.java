package com.example.credit.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.TestModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes in the middle of a local Batch Transform: the batch process killed (SIGKILL, a child JVM running
 * {@link BatchCommand}) and the explainer stopped under a running job. Either way no incomplete output is
 * visible, and running the same command again finishes the job with exactly the bytes of an undisturbed run:
 * no record lost, none duplicated, finished files not redone.
 */
class BatchCrashResumeTests {

    private static final int FILES = 8;
    private static final long LINES_PER_FILE = 40;

    /** The input and the undisturbed run's output, made once: no test changes them. */
    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    private static Path input;
    private static Path reference;
    private TestExplainer explainer;

    @BeforeAll
    static void writeInputAndReference() throws IOException {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(TestModel.prepared().resolve("data_test"))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList()) {
                rows.addAll(Files.readAllLines(part));
            }
        }
        input = shared.resolve("in");
        Files.createDirectories(input);
        for (int file = 0; file < FILES; file++) {
            List<String> lines = new ArrayList<>();
            for (int line = 0; line < LINES_PER_FILE; line++) {
                lines.add(rows.get((int) ((file * LINES_PER_FILE + line) % rows.size())));
            }
            Files.write(input.resolve("part-" + file + ".jsonl"), lines);
        }
        reference = shared.resolve("reference");
        try (TestExplainer undisturbed = TestExplainer.start()) {
            assertThat(runInProcess(reference, undisturbed.baseUrl()))
                    .as("exit code of the undisturbed run")
                    .isZero();
        }
    }

    @BeforeEach
    void startExplainer() {
        explainer = TestExplainer.start();
    }

    @AfterEach
    void stopExplainer() {
        explainer.close();
    }

    @Test
    void aKilledBatchProcessIsFinishedByTheSameCommandWithoutLosingOrDuplicatingRecords() throws Exception {
        Path output = temp.resolve("killed");
        Process batch = childProcess(output);
        awaitFirstOutput(output, batch);
        batch.destroyForcibly();
        batch.waitFor(30, TimeUnit.SECONDS);
        assertThat(visibleOutputs(output)).as("files finished before the kill").hasSizeBetween(1, FILES - 1);
        assertEveryVisibleOutputIsComplete(output);
        // A file counts as finished once its resume marker is written, right after its output is renamed into
        // place; a kill between the two leaves the file to be redone, which is still no loss and no duplicate.
        long finishedBeforeKill = markers(output);

        long explainedBefore = explainer.recordsExplained();
        assertThat(runInProcess(output)).as("exit code of the rerun").isZero();

        assertThat(visibleOutputs(output)).isEqualTo(visibleOutputs(reference));
        assertThat(explainer.recordsExplained() - explainedBefore)
                .as("records explained by the rerun: only those of unfinished files")
                .isEqualTo((FILES - finishedBeforeKill) * LINES_PER_FILE);
    }

    @Test
    void aRunWhoseExplainerDiesIsFinishedByTheSameCommandAgainstANewOne() throws Exception {
        Path output = temp.resolve("explainer-died");
        Process batch = childProcess(output);
        awaitFirstOutput(output, batch);
        explainer.close();
        assertThat(batch.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(batch.exitValue())
                .as("exit code of the run that lost its explainer")
                .isEqualTo(1);
        assertThat(visibleOutputs(output))
                .as("files finished before the explainer died")
                .hasSizeBetween(1, FILES - 1);
        assertEveryVisibleOutputIsComplete(output);
        long finished = markers(output);

        explainer = TestExplainer.start();
        assertThat(runInProcess(output)).as("exit code of the rerun").isZero();

        assertThat(visibleOutputs(output)).isEqualTo(visibleOutputs(reference));
        assertThat(explainer.recordsExplained()).isEqualTo((FILES - finished) * LINES_PER_FILE);
    }

    private static String[] arguments(Path output, URI endpoint) {
        return new String[] {
            "transform",
            "--backend",
            "local",
            "--input",
            input.toString(),
            "--output",
            output.toString(),
            "--split-type",
            "Line",
            "--batch-strategy",
            "SingleRecord",
            "--max-concurrent",
            "1",
            "--assemble-with",
            "Line",
            "--join-source",
            "Input",
            "--content-type",
            "application/jsonlines;entities=prediction,explanation_shap_values,reasons",
            "--endpoint",
            endpoint.toString(),
            // Quick retries: the run whose explainer died retries every file left before it gives up.
            "--retry-pauses-ms",
            "10,50"
        };
    }

    private Process childProcess(Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BatchCommand.class.getName()));
        command.addAll(List.of(arguments(output, explainer.baseUrl())));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve(output.getFileName() + ".log").toFile())
                .start();
    }

    private int runInProcess(Path output) {
        return runInProcess(output, explainer.baseUrl());
    }

    private static int runInProcess(Path output, URI endpoint) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new BatchCommand(sink, sink).execute(arguments(output, endpoint));
    }

    /** Waits until the first output file is in place: the job is then under way with files left to do. */
    private void awaitFirstOutput(Path output, Process batch) throws Exception {
        for (int attempt = 0; attempt < 60_000; attempt++) {
            if (!visibleOutputs(output).isEmpty()) {
                return;
            }
            if (!batch.isAlive()) {
                throw new IllegalStateException("the batch process ended early:\n"
                        + Files.readString(temp.resolve(output.getFileName() + ".log")));
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no output appeared in " + output);
    }

    private void assertEveryVisibleOutputIsComplete(Path output) throws IOException {
        Map<String, String> expected = visibleOutputs(reference);
        visibleOutputs(output)
                .forEach((name, text) ->
                        assertThat(text).as("visible output " + name).isEqualTo(expected.get(name)));
    }

    /** The resume markers of finished files. */
    private static long markers(Path output) throws IOException {
        Path state = output.resolve(".batch-state");
        if (!Files.isDirectory(state)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(state)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".done"))
                    .count();
        }
    }

    /** The outputs a reader sees: {@code .out} files, not the hidden partial files or the resume markers. */
    private static Map<String, String> visibleOutputs(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> list = Files.list(root)) {
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".out")
                            && !p.getFileName().toString().startsWith("."))
                    .toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }
}

package com.example.credit.batch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.cli.BatchCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's AWS back end against the local SageMaker and S3 protocol server. */
class AwsBatchCommandTests {

    @TempDir
    Path temp;

    private SageMakerProtocolServer aws;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        aws = new SageMakerProtocolServer("out-bucket");
        // The SDK's default chain reads these first; dummy values, nothing leaves this machine.
        System.setProperty("aws.accessKeyId", "test-key");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        aws.close();
    }

    private int execute(String... args) {
        return new BatchCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    private String[] transform(String... extra) {
        String[] base = {
            "transform",
            "--backend",
            "aws",
            "--aws-endpoint",
            aws.endpoint().toString(),
            "--region",
            "eu-west-1",
            "--model-name",
            "credit-model",
            "--job-name",
            "cli-job",
            "--input",
            "s3://in-bucket/data_test/",
            "--output",
            "s3://out-bucket/batch/",
            "--split-type",
            "Line",
            "--assemble-with",
            "Line",
            "--join-source",
            "Input",
            "--batch-strategy",
            "MultiRecord",
            "--env",
            "A=1",
            "--env",
            "B=2"
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void runsTheJobOnSageMakerAndDownloadsItsOutputs() {
        aws.statuses("Completed").object("batch/part-00000.json.out", "{}\n");

        int code = execute(transform("--download-to", temp.toString()));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(aws.bodies().get(0).at("/DataProcessing/JoinSource").asString())
                .isEqualTo("Input");
        assertThat(aws.bodies().get(0).get("Environment").toString()).isEqualTo("{\"A\":\"1\",\"B\":\"2\"}");
        assertThat(temp.resolve("part-00000.json.out")).hasContent("{}");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("batch: transform job cli-job: Completed")
                .contains(
                        "batch: transform job cli-job completed after 1 status check(s); 1 output file(s) downloaded");
    }

    @Test
    void exitsWithOneAndPrintsTheFailureReasonOfAFailedJob() {
        aws.statuses("Failed|AlgorithmError: the container exited with 137");

        int code = execute(transform());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("batch: transform job cli-job ended with status Failed: AlgorithmError: the container"
                        + " exited with 137" + System.lineSeparator());
    }
}

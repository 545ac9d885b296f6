package com.example.credit.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.example.credit.batch.runs.HandMadeRun;
import com.example.credit.batch.storage.TestS3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code index}, {@code applicants} and {@code serve} with a run on S3 (S3Mock on loopback). */
class BatchCommandOnS3Tests {

    @RegisterExtension
    static final S3MockExtension S3 = TestS3.extension();

    private static final String RUN = "s3://" + TestS3.BUCKET + "/cli/run";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void storeTheRun() throws IOException {
        // The SDK's default chain reads these first; dummy values, nothing leaves this machine.
        System.setProperty("aws.accessKeyId", TestS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", TestS3.SECRET_KEY);
        HandMadeRun.write(temp.resolve("run"));
        HandMadeRun.writeLabels(temp.resolve("label_test"));
        try (S3Client client = TestS3.client(S3, null)) {
            TestS3.upload(client, temp.resolve("run"), "cli/run");
            TestS3.upload(client, temp.resolve("label_test"), "cli/label_test");
        }
    }

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private int execute(String... args) {
        return new BatchCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    private String[] s3Flags() {
        return new String[] {
            "--region",
            TestS3.REGION,
            "--aws-endpoint",
            TestS3.endpoint(S3).toString(),
            "--cache-dir",
            temp.resolve("cache").toString()
        };
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void indexesARunOnS3AndPagesItsApplicants() {
        int code = execute(concat(
                new String[] {"index", "--predictions", RUN, "--labels", "s3://" + TestS3.BUCKET + "/cli/label_test"},
                s3Flags()));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("batch: indexed 10 applicants of " + RUN + " in \\d+\\.\\d s \\(10 labelled, AUC"
                        + " 0\\.6400\\)");
        out.reset();
        code = execute(concat(new String[] {"applicants", "--predictions", RUN, "--filter", "label=1"}, s3Flags()));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .hasSize(5)
                .allSatisfy(line -> assertThat(line).contains("\"label\":1"));
    }

    @Test
    void refusesABadS3LocationAsAUsageErrorAndAMissingPrefixAsAFailure() {
        assertThat(execute("index", "--predictions", "s3://Credit_Runs/run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("batch: location 's3://Credit_Runs/run' is invalid: bucket 'Credit_Runs' may hold only");
        err.reset();

        assertThat(execute(concat(new String[] {"index", "--predictions", RUN + "-missing"}, s3Flags())))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("batch: run " + RUN + "-missing is not a folder of batch outputs: nothing is stored under"
                        + " prefix 'cli/run-missing/' of bucket '" + TestS3.BUCKET + "'" + System.lineSeparator());
    }

    @Test
    void turnsOnSpringCloudAwsForARunOnS3() {
        List<String> arguments = BatchCommand.serveArguments(Flags.parse(
                List.of(
                        "--run",
                        "a=" + RUN + "/,labels/a",
                        "--region",
                        "eu-west-1",
                        "--aws-endpoint",
                        "http://127.0.0.1:9000",
                        "--cache-dir",
                        "cache"),
                Set.of("run", "port", "address", "region", "aws-endpoint", "cache-dir")));

        assertThat(arguments)
                .containsExactly(
                        "--dashboard.runs[0].id=a",
                        "--dashboard.runs[0].output=" + RUN,
                        "--dashboard.runs[0].labels=" + Path.of("labels/a").toAbsolutePath(),
                        "--spring.cloud.aws.s3.enabled=true",
                        "--spring.cloud.aws.region.static=eu-west-1",
                        "--spring.cloud.aws.s3.endpoint=http://127.0.0.1:9000",
                        "--spring.cloud.aws.s3.path-style-access-enabled=true",
                        "--dashboard.cache-dir=" + Path.of("cache").toAbsolutePath());
    }
}

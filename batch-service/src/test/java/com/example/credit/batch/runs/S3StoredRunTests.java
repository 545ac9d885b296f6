package com.example.credit.batch.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.example.credit.batch.report.LabelReader;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.S3Storage;
import com.example.credit.batch.storage.TestS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored-run contract on S3 (S3Mock on loopback), and what only S3 runs do: the index written to the local cache
 * and uploaded beside the outputs, opened from the cache, downloaded again when S3's index.json changes, and an
 * applicant read with one ranged GET.
 */
class S3StoredRunTests extends StoredRunContract {

    @RegisterExtension
    static final S3MockExtension S3 = TestS3.extension();

    private static int prefixes;

    private final List<String> calls = new ArrayList<>();
    private final S3Client client = TestS3.client(S3, calls);
    private final S3Storage storage = S3Storage.of(client);
    private final String prefix = "runs/test-" + prefixes++;

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Override
    RunStorage storage() {
        return storage;
    }

    @Override
    Location store(Path folder, String name) throws IOException {
        TestS3.upload(client, folder, prefix + "/" + name);
        return Location.parse("s3://" + TestS3.BUCKET + "/" + prefix + "/" + name);
    }

    @Override
    void addToRun(Path folder) throws IOException {
        TestS3.upload(client, folder, prefix + "/run");
    }

    /** The calls made since the last clear that touch the run's index folder. */
    private List<String> indexCalls() {
        return calls.stream().filter(call -> call.contains("/.dashboard/")).toList();
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void uploadsTheIndexBesideTheOutputsWithItsSummaryLast() {
        calls.clear();

        index();

        List<String> puts =
                calls.stream().filter(call -> call.startsWith("PutObject")).toList();
        assertThat(puts).hasSize(12).last().isEqualTo("PutObject " + prefix + "/run/.dashboard/index.json");
        assertThat(TestS3.keys(client, prefix + "/run/.dashboard/"))
                .contains(prefix + "/run/.dashboard/index.json", prefix + "/run/.dashboard/phi.f32");
    }

    @Test
    void writesTheSameIndexAsForTheSameRunOnTheFileSystem() throws IOException {
        Path local = temp.resolve("local/run");
        Map<String, Boolean> labelled = LabelReader.read(temp.resolve("local/label_test"), JsonMapper.shared());
        new RunIndexWriter(CATALOG).write(local, labelled);

        index();

        for (String name : files(local.resolve(".dashboard"))) {
            Path downloaded = temp.resolve("downloaded-" + name);
            storage.download(run.resolve(".dashboard/" + name), downloaded);
            assertThat(downloaded).as(name).hasSameBinaryContentAs(local.resolve(".dashboard/" + name));
        }
    }

    @Test
    void opensFromTheCacheWithoutDownloadingAgainWhileIndexJsonIsUnchanged() throws IOException {
        index();
        Path otherCache = temp.resolve("other-machine");
        calls.clear();

        new StoredRuns(storage, otherCache, CATALOG).open(run);
        List<String> first = indexCalls();
        calls.clear();
        new StoredRuns(storage, otherCache, CATALOG).open(run);

        assertThat(first).anyMatch(call -> call.startsWith("GetObject " + prefix + "/run/.dashboard/phi.f32"));
        assertThat(indexCalls())
                .containsExactly(
                        "HeadObject " + prefix + "/run/.dashboard/index.json",
                        "HeadObject " + prefix + "/run/.dashboard/index.json");
        // The cache holds the index only: the outputs stay on S3.
        assertThat(files(otherCache)).hasSize(12).noneMatch(name -> name.endsWith(".out"));
    }

    @Test
    void downloadsTheIndexAgainWhenIndexJsonChangedOnS3() throws IOException {
        runs.index(run, Map.of());
        StoredRuns otherMachine = new StoredRuns(storage, temp.resolve("other-machine"), CATALOG);
        assertThat(otherMachine.open(run).summary().path("labelled").asLong()).isZero();

        index();

        RunIndex reopened = otherMachine.open(run);
        assertThat(reopened.summary().path("labelled").asLong()).isEqualTo(10);
        assertThat(reopened.applicant(HandMadeRun.rowId(7)).label()).isEqualTo(1);
        try (Stream<Path> versions =
                Files.list(Files.list(temp.resolve("other-machine")).findFirst().orElseThrow())) {
            assertThat(versions.map(version -> version.getFileName().toString()))
                    .singleElement()
                    .asString()
                    .startsWith("v-");
        }
    }

    @Test
    void readsAnApplicantsLineWithOneRangedGet() {
        index();
        RunIndex index = runs.open(run);
        calls.clear();

        index.applicant(HandMadeRun.rowId(7));

        assertThat(calls)
                .singleElement()
                .asString()
                .matches("GetObject " + prefix + "/run/sub/part-00001\\.json\\.out bytes=\\d+-\\d+");
    }

    @Test
    void namesTheMissingBucketOrPrefixOfARunToIndex() {
        assertThatThrownBy(() -> runs.index(Location.parse("s3://no-such-bucket/run"), Map.of()))
                .isInstanceOf(RunIndexException.class)
                .hasMessage("run s3://no-such-bucket/run is not a folder of batch outputs: bucket 'no-such-bucket' does"
                        + " not exist");
        assertThatThrownBy(() -> runs.index(run.resolve("missing"), Map.of()))
                .isInstanceOf(RunIndexException.class)
                .hasMessage("run " + run + "/missing is not a folder of batch outputs: nothing is stored under prefix '"
                        + prefix + "/run/missing/' of bucket '" + TestS3.BUCKET + "'");
    }
}

package com.example.credit.batch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 storage against S3Mock on loopback, through Spring Cloud AWS's S3Template around an SDK client. */
class S3StorageTests extends RunStorageContract {

    @RegisterExtension
    static final S3MockExtension S3 = TestS3.extension();

    private static int folders;

    private final List<String> calls = new ArrayList<>();
    private final S3Client client = TestS3.client(S3, calls);
    private final S3Storage storage = S3Storage.of(client);

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Override
    RunStorage storage() {
        return storage;
    }

    @Override
    Location newFolder() {
        return new Location.S3(TestS3.BUCKET, "storage/run-" + folders++);
    }

    @Override
    void put(Location location, byte[] bytes) {
        Location.S3 s3 = (Location.S3) location;
        client.putObject(request -> request.bucket(s3.bucket()).key(s3.key()), RequestBody.fromBytes(bytes));
    }

    @Test
    void readsALineWithRangedGetsOnly() throws IOException {
        Location file = newFolder().resolve("part-00000.json.out");
        put(file, ("first\n" + "y".repeat(20_000) + "\n").getBytes(StandardCharsets.UTF_8));
        calls.clear();

        byte[] line = storage.readLine(file, 6);

        assertThat(line).hasSize(20_000);
        String key = ((Location.S3) file).key();
        // 16 KiB hold no newline: the next range is twice as long.
        assertThat(calls)
                .containsExactly("GetObject " + key + " bytes=6-16389", "GetObject " + key + " bytes=16390-49157");
    }

    @Test
    void leavesOutTheEmptyFolderObjectsThatConsolesCreate() {
        Location run = newFolder();
        put(run.resolve("sub/part-1.out"), new byte[] {'{', '}', '\n'});
        Location.S3 s3 = (Location.S3) run;
        client.putObject(request -> request.bucket(s3.bucket()).key(s3.key() + "/sub/"), RequestBody.empty());

        assertThat(storage.list(run)).extracting(StoredFile::path).containsExactly("sub/part-1.out");
    }

    @Test
    void saysWhetherTheBucketOrThePrefixIsMissing() {
        Location noBucket = Location.parse("s3://no-such-bucket/run");
        Location noPrefix = Location.parse("s3://" + TestS3.BUCKET + "/no/such/run");

        assertThat(storage.isFolder(noBucket)).isFalse();
        assertThat(storage.whyMissing(noBucket)).contains("bucket 'no-such-bucket' does not exist");
        assertThat(storage.isFolder(noPrefix)).isFalse();
        assertThat(storage.whyMissing(noPrefix))
                .contains("nothing is stored under prefix 'no/such/run/' of bucket '" + TestS3.BUCKET + "'");
        assertThatThrownBy(() -> storage.list(noBucket))
                .isInstanceOf(StorageException.class)
                .hasMessage("s3://no-such-bucket/run: bucket 'no-such-bucket' does not exist");
        assertThatThrownBy(() -> storage.stat(noPrefix.resolve("index.json")))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("s3://" + TestS3.BUCKET + "/no/such/run/index.json: ");
    }
}

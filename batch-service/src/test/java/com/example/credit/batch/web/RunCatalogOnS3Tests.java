package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.example.credit.batch.runs.HandMadeRun;
import com.example.credit.batch.storage.DelegatingStorage;
import com.example.credit.batch.storage.FileSystemStorage;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RoutingStorage;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.S3Storage;
import com.example.credit.batch.storage.StorageException;
import com.example.credit.batch.storage.StoredFile;
import com.example.credit.batch.storage.TestS3;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import software.amazon.awssdk.services.s3.S3Client;

/** A dashboard's runs on S3 are checked at start: a missing bucket, prefix or object fails it, naming which. */
class RunCatalogOnS3Tests {

    @RegisterExtension
    static final S3MockExtension S3 = TestS3.extension();

    @TempDir
    Path temp;

    private S3Client client;
    private RunStorage storage;

    @BeforeEach
    void storeARun() throws IOException {
        client = TestS3.client(S3, null);
        storage = new RoutingStorage(new FileSystemStorage(), () -> S3Storage.of(client));
        Path root = HandMadeRunFixture.create("catalog-on-s3-");
        TestS3.upload(client, root.resolve("run"), "catalog/run");
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private RunCatalog catalog(String output, String labels, String model) {
        return new RunCatalog(
                new DashboardProperties(
                        List.of(new DashboardProperties.Run(
                                "a",
                                Location.parse(output),
                                labels == null ? null : Location.parse(labels),
                                model == null ? null : Location.parse(model))),
                        null),
                storage);
    }

    private static final String BUCKET = "s3://" + TestS3.BUCKET;

    @Test
    void acceptsARunWhoseLocationsExist() {
        assertThat(catalog(BUCKET + "/catalog/run", null, null).runs()).hasSize(1);
    }

    @Test
    void refusesAtStartARunWhoseBucketOrPrefixDoesNotExist() {
        assertThatThrownBy(() -> catalog("s3://no-such-bucket/run", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard run 'a': output s3://no-such-bucket/run is not a folder: bucket 'no-such-bucket'"
                        + " does not exist");
        assertThatThrownBy(() -> catalog(BUCKET + "/catalog/missing", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard run 'a': output " + BUCKET + "/catalog/missing is not a folder: nothing is"
                        + " stored under prefix 'catalog/missing/' of bucket '" + TestS3.BUCKET + "'");
        assertThatThrownBy(() -> catalog(BUCKET + "/catalog/run", BUCKET + "/catalog/label_test", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard run 'a': labels " + BUCKET + "/catalog/label_test do not exist: nothing is"
                        + " stored under prefix 'catalog/label_test/' of bucket '" + TestS3.BUCKET + "'");
        assertThatThrownBy(() -> catalog(BUCKET + "/catalog/run", null, BUCKET + "/catalog/model"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dashboard run 'a': model " + BUCKET + "/catalog/model is not a folder: ");
    }

    @Test
    void refusesAnS3RunWhenTheServiceHasNoS3ClientSayingHowToTurnItOn() {
        assertThatThrownBy(() -> new RunCatalog(new DashboardProperties(
                        List.of(new DashboardProperties.Run("a", Location.parse(BUCKET + "/catalog/run"), null, null)),
                        null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard run 'a': " + BUCKET + "/catalog/run is on S3, but this service has no S3"
                        + " client: start the dashboard with spring.cloud.aws.s3.enabled=true and an AWS region (batch"
                        + " serve does so for s3:// runs)");
    }

    @Test
    void keepsServingTheCachedIndexWhileS3CannotBeAskedWhetherItChanged() {
        boolean[] headFails = {false};
        RunStorage s3 = S3Storage.of(client);
        // The S3 storage, with HEAD requests (isFile, stat) failing on demand as an unreachable S3 would.
        RunStorage flaky = new RoutingStorage(new FileSystemStorage(), () -> new DelegatingStorage(s3) {
            @Override
            public boolean isFile(Location location) {
                failIf(headFails[0], location);
                return super.isFile(location);
            }

            @Override
            public StoredFile stat(Location file) {
                failIf(headFails[0], file);
                return super.stat(file);
            }
        });
        RunCatalog catalog = new RunCatalog(
                new DashboardProperties(
                        List.of(new DashboardProperties.Run("a", Location.parse(BUCKET + "/catalog/run"), null, null)),
                        null,
                        temp.resolve("cache"),
                        Duration.ZERO),
                flaky);
        assertThat(catalog.run("a").rows()).isEqualTo(10);

        headFails[0] = true;

        assertThat(catalog.run("a").rows()).isEqualTo(10);
        assertThat(catalog.run("a")
                        .applicant(HandMadeRun.rowId(7))
                        .record()
                        .path("credit__amount")
                        .asInt())
                .isEqualTo(1007);
    }

    private static void failIf(boolean failing, Location location) {
        if (failing) {
            throw new StorageException(location + ": cannot reach S3: connection refused");
        }
    }

    @Test
    void failsTheStartOnALocationThatIsNoS3LocationNamingTheRule() {
        assertThatThrownBy(() -> DashboardApplication.start(
                                "--server.port=0",
                                "--dashboard.runs[0].id=a",
                                "--dashboard.runs[0].output=s3://Credit_Runs/run")
                        .close())
                .isInstanceOf(BeanCreationException.class)
                .rootCause()
                .hasMessage("location 's3://Credit_Runs/run' is invalid: bucket 'Credit_Runs' may hold only lowercase"
                        + " letters, digits, '.' and '-', and must start and end with a letter or digit");
    }
}

package com.example.credit.batch.jobs;

import static com.example.credit.batch.jobs.JobFixture.FILES;
import static com.example.credit.batch.jobs.JobFixture.LINES;
import static com.example.credit.batch.jobs.JobFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.aws.PollingPolicy;
import com.example.credit.batch.aws.SageMakerProtocolServer;
import com.example.credit.batch.aws.SageMakerTransformer;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.Progress;
import com.example.credit.batch.local.TransformResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job manager against a real explainer (local jobs) and a SageMaker protocol server (AWS jobs): jobs run to
 * their end with their progress, one local job at a time, stop on request without leaving a partial file, and are
 * taken up again by the next manager on the same records after the first one went away mid-job.
 */
class JobManagerTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private TestExplainer explainer;
    private Path input;
    private Map<String, String> reference;
    private final List<JobManager> managers = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        explainer = TestExplainer.start();
        input = JobFixture.input(temp);
        reference = JobFixture.reference(input, temp.resolve("reference"), explainer.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        managers.forEach(JobManager::close);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        explainer.close();
    }

    private JobManager manager(JobManager.LocalRunner runner, JobManager.AwsTransformers aws) {
        JobManager manager = new JobManager(
                new JobStore(temp.resolve("jobs"), JsonMapper.shared()), explainer.baseUrl(), runner, aws, CLOCK);
        managers.add(manager);
        return manager;
    }

    private JobManager localManager() {
        return manager(LocalTransformer::run, log -> {
            throw new AssertionError("no AWS job in this test");
        });
    }

    private static JobRecord awaitEnd(JobManager manager, String id) throws InterruptedException {
        JobFixture.await(
                () -> "job " + id + " ends; it is " + manager.get(id),
                () -> manager.get(id).state().ended());
        return manager.get(id);
    }

    @Test
    void aLocalJobRunsToItsEndWithItsProgressAndItsRecordSavedBesideTheOutputs() throws Exception {
        JobManager manager = localManager();
        Path output = temp.resolve("out");

        JobRecord queued = manager.submit(JobBackend.LOCAL, JobFixture.spec(input, output), null);
        JobRecord done = awaitEnd(manager, queued.id());

        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.id()).isEqualTo("job-20261203-100000-0001");
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.errors()).isEmpty();
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.progress().recordsDone()).isEqualTo((long) FILES * LINES);
        assertThat(done.progress().recordsTotal()).isEqualTo((long) FILES * LINES);
        assertThat(done.progress().errorRecords()).isZero();
        assertThat(JobFixture.visibleOutputs(output)).isEqualTo(reference);
        // The record in the state folder and its copy beside the resume markers both say how it ended.
        for (Path saved : List.of(
                temp.resolve("jobs").resolve(done.id() + ".json"),
                output.resolve(".batch-state/jobs").resolve(done.id() + ".json"))) {
            JobRecord read = JobRecord.fromJson(JsonMapper.shared().readTree(saved.toFile()));
            assertThat(read).isEqualTo(done);
        }
    }

    @Test
    void localJobsRunOneAtATimeInTheOrderTheyCame() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        JobManager manager = manager(
                (spec, url, listener) -> {
                    events.add("start " + spec.output());
                    var result = LocalTransformer.run(spec, url, listener);
                    events.add("end " + spec.output());
                    return result;
                },
                log -> {
                    throw new AssertionError("no AWS job");
                });
        String first = temp.resolve("first").toString();
        String second = temp.resolve("second").toString();

        JobRecord a = manager.submit(JobBackend.LOCAL, JobFixture.spec(input, Path.of(first)), null);
        JobRecord b = manager.submit(JobBackend.LOCAL, JobFixture.spec(input, Path.of(second)), null);
        awaitEnd(manager, a.id());
        awaitEnd(manager, b.id());

        assertThat(events).containsExactly("start " + first, "end " + first, "start " + second, "end " + second);
        assertThat(manager.list()).extracting(JobRecord::id).containsExactly(b.id(), a.id());
    }

    @Test
    void aStoppedLocalJobLeavesNoPartialFileAndANewJobOnTheSameOutputFinishesIt() throws Exception {
        JobManager manager = localManager();
        Path output = temp.resolve("out");
        explainer.pauseAfter(LINES + 3);
        JobRecord job = manager.submit(JobBackend.LOCAL, JobFixture.spec(input, output), null);
        await("the job is held in its second file", () -> explainer.paused() == 1);

        JobRecord stopping = manager.stop(job.id());
        JobRecord stopped = awaitEnd(manager, job.id());

        assertThat(stopping.state()).isIn(JobState.STOPPING, JobState.STOPPED);
        assertThat(stopped.state()).isEqualTo(JobState.STOPPED);
        assertThat(stopped.notes()).singleElement().asString().contains("stopped with 1 of 4 file(s) finished");
        assertThat(JobFixture.visibleOutputs(output)).containsOnlyKeys("part-0.jsonl.out");
        explainer.resume();
        long explainedBefore = explainer.recordsExplained();

        JobRecord again = awaitEnd(
                manager,
                manager.submit(JobBackend.LOCAL, JobFixture.spec(input, output), null)
                        .id());

        assertThat(again.state()).isEqualTo(JobState.COMPLETED);
        assertThat(JobFixture.visibleOutputs(output)).isEqualTo(reference);
        assertThat(explainer.recordsExplained() - explainedBefore)
                .as("records of the three unfinished files, the held one included")
                .isBetween(3L * LINES, 3L * LINES + 1);
    }

    @Test
    void aQueuedJobIsStoppedAtOnceAndAnEndedJobCannotBeStopped() throws Exception {
        JobManager manager = localManager();
        explainer.pauseAfter(1);
        JobRecord running = manager.submit(JobBackend.LOCAL, JobFixture.spec(input, temp.resolve("a")), null);
        JobRecord queued = manager.submit(JobBackend.LOCAL, JobFixture.spec(input, temp.resolve("b")), null);
        await("the first job is held", () -> explainer.paused() == 1);

        JobRecord stopped = manager.stop(queued.id());

        assertThat(stopped.state()).isEqualTo(JobState.STOPPED);
        assertThat(stopped.attempts()).isZero();
        assertThat(stopped.notes()).containsExactly("stopped before it started");
        assertThatThrownBy(() -> manager.stop(queued.id()))
                .isInstanceOf(JobConflictException.class)
                .hasMessage("job " + queued.id() + " has already ended (STOPPED)");
        manager.stop(running.id());
        assertThat(awaitEnd(manager, running.id()).state()).isEqualTo(JobState.STOPPED);
        assertThat(temp.resolve("b")).doesNotExist();
    }

    @Test
    void refusesASecondJobOnAnOutputInUseAnUnknownJobAndLocalJobsWithS3Locations() throws Exception {
        JobManager manager = localManager();
        explainer.pauseAfter(0);
        Path output = temp.resolve("out");
        JobRecord job = manager.submit(JobBackend.LOCAL, JobFixture.spec(input, output), null);

        assertThatThrownBy(() -> manager.submit(JobBackend.LOCAL, JobFixture.spec(input, output), null))
                .isInstanceOf(JobConflictException.class)
                .hasMessageStartingWith("job " + job.id() + " (")
                .hasMessageEndingWith(") already writes to " + output + "; stop it or wait for it to end");
        assertThatThrownBy(() -> manager.get("job-nope"))
                .isInstanceOf(UnknownJobException.class)
                .hasMessage("no job 'job-nope'; GET /api/jobs lists them");
        assertThatThrownBy(() -> manager.submit(
                        JobBackend.LOCAL,
                        TransformJobSpec.builder(
                                        "s3://bucket/in", temp.resolve("x").toString(), "application/jsonlines")
                                .build(),
                        null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("TransformInput.DataSource.S3DataSource.S3Uri='s3://bucket/in' is invalid: is an S3"
                        + " location; a local job reads and writes local files (use backend aws)");
        assertThatThrownBy(() -> manager.submit(
                        JobBackend.LOCAL, JobFixture.spec(input, temp.resolve("y")), URI.create("ftp://host/")))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("endpoint='ftp://host/' is invalid: must be an http or https URL");
        manager.stop(job.id());
    }

    @Test
    void aLocalJobWithoutAnExplainerIsRefusedWhenNoneIsConfigured() {
        JobManager manager = new JobManager(
                new JobStore(temp.resolve("jobs"), JsonMapper.shared()),
                null,
                LocalTransformer::run,
                log -> {
                    throw new AssertionError("no AWS job");
                },
                CLOCK);
        managers.add(manager);

        assertThatThrownBy(() -> manager.submit(JobBackend.LOCAL, JobFixture.spec(input, temp.resolve("o")), null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageStartingWith("endpoint=null is invalid: is required for a local job");
    }

    @Test
    void aJobLeftRunningByAManagerThatWentAwayIsResumedByTheNextFromItsMarkers() throws Exception {
        Path output = temp.resolve("out");
        explainer.pauseAfter(2L * LINES + 4);
        JobManager first = localManager();
        JobRecord job = first.submit(JobBackend.LOCAL, JobFixture.spec(input, output), null);
        await("the job is held in its third file", () -> explainer.paused() == 1);

        first.close();
        await("the interrupted attempt has let go", () -> !Files.exists(output.resolve(".part-2.jsonl.out.partial")));
        JobRecord left = JobRecord.fromJson(JsonMapper.shared()
                .readTree(temp.resolve("jobs").resolve(job.id() + ".json").toFile()));
        assertThat(left.state()).as("a shutdown does not end a job").isEqualTo(JobState.RUNNING);
        assertThat(JobFixture.finishedFiles(output)).isEqualTo(2);
        explainer.resume();
        long explainedBefore = explainer.recordsExplained();

        JobManager second = localManager();
        int resumed = second.recover();
        JobRecord done = awaitEnd(second, job.id());

        assertThat(resumed).isOne();
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.notes()).singleElement().asString().startsWith("resumed after a restart of the service");
        assertThat(done.progress().recordsTotal())
                .as("the second attempt counts only the files it does")
                .isEqualTo(2L * LINES);
        assertThat(JobFixture.visibleOutputs(output)).isEqualTo(reference);
        assertThat(explainer.recordsExplained() - explainedBefore)
                .as("only the unfinished files are explained again")
                .isBetween(2L * LINES, 2L * LINES + 1);
        // A new job after the restart gets a fresh id.
        assertThat(second.submit(JobBackend.LOCAL, JobFixture.spec(input, temp.resolve("next")), null)
                        .id())
                .isNotEqualTo(job.id());
    }

    @Test
    void aClosedManagerSavesNothingMoreWhileItsInterruptedAttemptWindsDown() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch woundDown = new CountDownLatch(1);
        JobManager manager = manager(
                (spec, explainerUrl, listener) -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        // A file that was finishing when the service closed reports its progress on the way out.
                        listener.progress(new Progress(LINES, (long) FILES * LINES, 0, Duration.ofSeconds(1)));
                        woundDown.countDown();
                    }
                    return new TransformResult(
                            Path.of(spec.output()), FILES, 0, FILES, List.of(), LINES, 0, LINES, Duration.ofSeconds(1));
                },
                log -> {
                    throw new AssertionError("no AWS job in this test");
                });
        JobRecord job = manager.submit(JobBackend.LOCAL, JobFixture.spec(input, temp.resolve("out")), null);
        assertThat(started.await(1, TimeUnit.MINUTES)).as("the attempt starts").isTrue();
        Path saved = temp.resolve("jobs").resolve(job.id() + ".json");
        String before = Files.readString(saved);

        manager.close();

        assertThat(woundDown.await(1, TimeUnit.MINUTES))
                .as("the attempt is interrupted")
                .isTrue();
        await("the attempt has returned", () -> manager.get(job.id()).state().ended());
        assertThat(Files.readString(saved))
                .as("the record stays as it was at the close, for the next start")
                .isEqualTo(before);
        assertThat(JobRecord.fromJson(JsonMapper.shared().readTree(saved.toFile()))
                        .state())
                .isEqualTo(JobState.RUNNING);
    }

    @Test
    void anAwsJobIsCreatedAndWaitedForAndAStopSendsStopTransformJob() throws Exception {
        SageMakerProtocolServer sageMaker = new SageMakerProtocolServer("credit-bucket");
        closeables.add(sageMaker);
        sageMaker.statuses("InProgress");
        JobManager manager = manager(LocalTransformer::run, log -> transformer(sageMaker, log));
        TransformJobSpec spec = TransformJobSpec.builder(
                        "s3://credit-bucket/batch/input", "s3://credit-bucket/batch/output", "application/jsonlines")
                .modelName("credit-model")
                .build();

        JobRecord job = manager.submit(JobBackend.AWS, spec, null);
        await("the job is created", () -> manager.get(job.id()).awsCreated());
        await("the job is polled", () -> sageMaker.targets().contains("SageMaker.DescribeTransformJob"));
        manager.stop(job.id());
        JobRecord stopped = awaitEnd(manager, job.id());

        assertThat(job.awsJobName()).isEqualTo("credit-model-20261203-100000");
        assertThat(stopped.state()).isEqualTo(JobState.STOPPED);
        assertThat(stopped.notes()).containsExactly("stopped in SageMaker");
        assertThat(sageMaker.targets())
                .startsWith("SageMaker.CreateTransformJob")
                .contains("SageMaker.StopTransformJob");
        assertThat(sageMaker.bodies().get(0).path("TransformJobName").asString())
                .isEqualTo("credit-model-20261203-100000");
        assertThat(stopped.awsStatus()).contains("Stopped");
    }

    @Test
    void anAwsJobThatFailsInSageMakerCarriesTheFailureReason() throws Exception {
        SageMakerProtocolServer sageMaker = new SageMakerProtocolServer("credit-bucket");
        closeables.add(sageMaker);
        sageMaker.statuses("InProgress", "Failed|ClientError: See job logs for more information");
        JobManager manager = manager(LocalTransformer::run, log -> transformer(sageMaker, log));
        TransformJobSpec spec = TransformJobSpec.builder(
                        "s3://credit-bucket/in", "s3://credit-bucket/out", "application/jsonlines")
                .modelName("credit-model")
                .jobName("nightly-1")
                .build();

        JobRecord failed =
                awaitEnd(manager, manager.submit(JobBackend.AWS, spec, null).id());

        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.errors())
                .containsExactly("transform job nightly-1 ended with status Failed: ClientError: See job logs for more"
                        + " information");
        assertThatThrownBy(() -> manager.submit(
                        JobBackend.AWS,
                        TransformJobSpec.builder(
                                        "s3://credit-bucket/in", "s3://credit-bucket/o2", "application/jsonlines")
                                .build(),
                        null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessage("ModelName=null is invalid: is required by the AWS back end");
    }

    @Test
    void anAwsJobRunningWhenTheManagerWentAwayIsAttachedToAgainNotCreatedTwice() throws Exception {
        SageMakerProtocolServer sageMaker = new SageMakerProtocolServer("credit-bucket");
        closeables.add(sageMaker);
        sageMaker.statuses("InProgress");
        TransformJobSpec spec = TransformJobSpec.builder(
                        "s3://credit-bucket/in", "s3://credit-bucket/out", "application/jsonlines")
                .modelName("credit-model")
                .build();
        JobManager first = manager(LocalTransformer::run, log -> transformer(sageMaker, log));
        JobRecord job = first.submit(JobBackend.AWS, spec, null);
        await("the job is created", () -> first.get(job.id()).awsCreated());
        first.close();
        sageMaker.statuses("Completed");

        JobManager second = manager(LocalTransformer::run, log -> transformer(sageMaker, log));
        second.recover();
        JobRecord done = awaitEnd(second, job.id());

        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(sageMaker.targets().stream()
                        .filter("SageMaker.CreateTransformJob"::equals)
                        .count())
                .isOne();
        assertThat(done.notes()).singleElement().asString().startsWith("attached to again after a restart");
    }

    private SageMakerTransformer transformer(SageMakerProtocolServer server, java.util.function.Consumer<String> log) {
        SageMakerClient sageMaker = SageMakerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(server.endpoint())
                .build();
        S3Client s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(server.endpoint())
                .forcePathStyle(true)
                .build();
        closeables.add(sageMaker);
        closeables.add(s3);
        return new SageMakerTransformer(
                sageMaker,
                s3,
                new PollingPolicy(Duration.ofMillis(5), Duration.ofMillis(20), 2, Duration.ofMinutes(5)),
                duration -> Thread.sleep(duration.toMillis()),
                CLOCK,
                log);
    }
}

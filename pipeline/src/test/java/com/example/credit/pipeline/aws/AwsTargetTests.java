package com.example.credit.pipeline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.example.credit.pipeline.EmbeddedS3;
import com.example.credit.pipeline.Pipeline;
import com.example.credit.pipeline.PipelineSummary;
import com.example.credit.pipeline.SharedRun;
import com.example.credit.testsupport.aws.Recorded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * One whole run of {@code --target aws} against AWS on loopback (the wire-protocol stand-in and the S3-compatible
 * store), whose services run this repository's own code (LocalJobs): the same 600 synthetic applicants and seed as
 * the shared local run, so that the two targets can be compared figure for figure and byte for byte.
 */
@ExtendWith(SharedRun.Resolver.class)
class AwsTargetTests {

    @TempDir
    static Path temp;

    static SharedRun local;
    static AwsWorld world;
    static LocalJobs jobs;
    static PipelineSummary summary;
    static Path work;

    @BeforeAll
    static void runOnAws(SharedRun shared) {
        local = shared;
        work = temp.resolve("work");
        world = AwsWorld.start(temp.resolve("s3"));
        jobs = new LocalJobs(world.store, temp.resolve("jobs"));
        world.aws
                .function(AwsWorld.FUNCTION, jobs::datagen)
                .glueJob(AwsWorld.GLUE_JOB, jobs::etl)
                .training(jobs::train)
                .hosting(jobs.hosting())
                .transform(jobs::transform);
        AwsStages stages = world.open(
                AwsWorld.options(
                        work, OptionalLong.of(SharedRun.APPLICANTS), AwsWorld.awsOptions(Optional.empty(), false)),
                AwsWorld.shortSleeps());
        summary = new Pipeline(world.out).run(stages.options(), stages);
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        if (world != null) {
            // What the run printed, for a person reading the build: target/aws-target-run.txt.
            Files.writeString(Path.of("target", "aws-target-run.txt"), world.printed() + summary.render());
        }
        if (jobs != null) {
            jobs.close();
        }
        if (world != null) {
            world.close();
        }
    }

    private static JsonNode only(String operation) {
        List<Recorded> calls = world.aws.requests(operation);
        assertThat(calls).as(operation).hasSize(1);
        return calls.get(0).json();
    }

    @Test
    void trainsTheSameModelAndReachesTheSameFiguresAsTheLocalTarget() throws Exception {
        assertThat(Files.readAllBytes(work.resolve("model/model.txt")))
                .isEqualTo(Files.readAllBytes(local.work().resolve("model/model.txt")));
        assertThat(summary.applicants()).isEqualTo(local.summary().applicants());
        assertThat(summary.trainRows()).isEqualTo(480);
        assertThat(summary.testRows()).isEqualTo(120);
        assertThat(summary.testAuc()).isEqualTo(local.summary().testAuc());
        assertThat(summary.trainAucCv()).isEqualTo(local.summary().trainAucCv());
        assertThat(summary.explanations()).isEqualTo(120);
        assertThat(summary.explanationErrors()).isZero();
        assertThat(summary.reportAuc()).isCloseTo(local.summary().reportAuc(), within(1e-12));
        assertThat(summary.modelLocation())
                .isEqualTo("s3://credit-pipeline/models/credit-train-" + AwsWorld.RUN_ID + "/output/model.tar.gz");
    }

    @Test
    void invokesTheDatagenFunctionSynchronouslyWithTheRunsOutputAndSeed() {
        Recorded invoke = world.aws.requests("Lambda.Invoke").get(0);
        assertThat(world.aws.requests("Lambda.Invoke")).hasSize(1);
        assertThat(invoke.path()).isEqualTo("/2015-03-31/functions/" + AwsWorld.FUNCTION + "/invocations");
        assertThat(invoke.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
        assertThat(invoke.json().path("mode").asString()).isEqualTo("synthetic");
        assertThat(invoke.json().path("n").asLong()).isEqualTo(600);
        assertThat(invoke.json().path("seed").asLong()).isEqualTo(7);
        assertThat(invoke.json().path("output").asString()).isEqualTo("s3://credit-pipeline/raw/" + AwsWorld.RUN_ID);
    }

    @Test
    void startsTheGlueJobOnTheRunsFoldersWithTheSeed() {
        JsonNode start = only("Glue.StartJobRun");
        assertThat(start.path("JobName").asString()).isEqualTo(AwsWorld.GLUE_JOB);
        Map<String, String> arguments = new TreeMap<>();
        start.path("Arguments")
                .properties()
                .forEach(entry -> arguments.put(entry.getKey(), entry.getValue().asString()));
        assertThat(arguments)
                .containsExactly(
                        Map.entry("--input_path", "s3://credit-pipeline/raw/" + AwsWorld.RUN_ID),
                        Map.entry("--output_path", "s3://credit-pipeline/prepared/" + AwsWorld.RUN_ID),
                        Map.entry("--seed", "7"));
    }

    @Test
    void createsTheTrainingJobWithEveryFieldSageMakerRequires() {
        JsonNode job = only("SageMaker.CreateTrainingJob");
        String prepared = "s3://credit-pipeline/prepared/" + AwsWorld.RUN_ID + "/";
        assertThat(job.path("TrainingJobName").asString()).isEqualTo("credit-train-" + AwsWorld.RUN_ID);
        assertThat(job.path("RoleArn").asString()).isEqualTo(AwsWorld.ROLE);
        assertThat(job.path("AlgorithmSpecification").path("TrainingImage").asString())
                .isEqualTo(AwsWorld.TRAINING_REPOSITORY + "@" + AwsWorld.TRAINING_DIGEST);
        assertThat(job.path("AlgorithmSpecification").path("TrainingInputMode").asString())
                .isEqualTo("File");
        assertThat(job.path("AlgorithmSpecification").path("MetricDefinitions").toString())
                .isEqualTo("[{\"Name\":\"train_auc_cv\",\"Regex\":\"train_auc_cv: ([0-9.]+)\"},"
                        + "{\"Name\":\"test_auc\",\"Regex\":\"test_auc: ([0-9.]+)\"}]");
        assertThat(job.path("InputDataConfig")
                        .valueStream()
                        .map(channel -> channel.path("ChannelName").asString() + "="
                                + channel.path("DataSource")
                                        .path("S3DataSource")
                                        .path("S3Uri")
                                        .asString())
                        .toList())
                .containsExactly(
                        "schemas=" + prepared + "schemas/",
                        "data_train=" + prepared + "data_train/",
                        "label_train=" + prepared + "label_train/",
                        "data_test=" + prepared + "data_test/",
                        "label_test=" + prepared + "label_test/",
                        "groups_train=" + prepared + "groups_train/",
                        "protected_train=" + prepared + "protected_train/");
        assertThat(job.path("InputDataConfig")
                        .valueStream()
                        .map(channel -> channel.path("InputMode").asString() + " "
                                + channel.path("DataSource")
                                        .path("S3DataSource")
                                        .path("S3DataType")
                                        .asString())
                        .distinct())
                .containsExactly("File S3Prefix");
        assertThat(job.path("HyperParameters").toString()).isEqualTo("{\"seed\":\"7\"}");
        assertThat(job.path("OutputDataConfig").path("S3OutputPath").asString())
                .isEqualTo("s3://credit-pipeline/models/");
        assertThat(job.path("ResourceConfig").toString())
                .isEqualTo("{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1,\"VolumeSizeInGB\":10}");
        assertThat(job.path("StoppingCondition").path("MaxRuntimeInSeconds").asInt())
                .isEqualTo(3 * 3600);
        assertThat(job.path("Tags").toString())
                .isEqualTo("[{\"Key\":\"project\",\"Value\":\"credit-decisions-explained\"},"
                        + "{\"Key\":\"credit-run\",\"Value\":\"" + AwsWorld.RUN_ID + "\"}]");
    }

    @Test
    void servesTheTrainedModelChecksItAndDeletesTheEndpointAtTheEnd() {
        JsonNode model = only("SageMaker.CreateModel");
        assertThat(model.path("ModelName").asString()).isEqualTo("credit-model-" + AwsWorld.RUN_ID);
        assertThat(model.path("ExecutionRoleArn").asString()).isEqualTo(AwsWorld.ROLE);
        assertThat(model.path("PrimaryContainer").path("Image").asString())
                .isEqualTo(AwsWorld.EXPLAINER_REPOSITORY + "@" + AwsWorld.EXPLAINER_DIGEST);
        assertThat(model.path("PrimaryContainer").path("ModelDataUrl").asString())
                .isEqualTo(summary.modelLocation());
        JsonNode config = only("SageMaker.CreateEndpointConfig");
        assertThat(config.path("ProductionVariants").get(0).path("ModelName").asString())
                .isEqualTo("credit-model-" + AwsWorld.RUN_ID);
        assertThat(only("SageMaker.CreateEndpoint").path("EndpointConfigName").asString())
                .isEqualTo("credit-explainer-" + AwsWorld.RUN_ID);
        assertThat(world.aws.requests("SageMaker.UpdateEndpoint")).isEmpty();
        Recorded smoke = world.aws.requests("SageMakerRuntime.InvokeEndpoint").get(0);
        assertThat(smoke.path()).isEqualTo("/endpoints/credit-explainer/invocations");
        assertThat(smoke.header("Content-Type"))
                .isEqualTo("application/json;entities=prediction,explanation_shap_values");
        assertThat(world.printed()).contains("smoke call: prediction ");
        assertThat(only("SageMaker.DeleteEndpoint").path("EndpointName").asString())
                .isEqualTo("credit-explainer");
        assertThat(only("SageMaker.DeleteEndpointConfig")
                        .path("EndpointConfigName")
                        .asString())
                .isEqualTo("credit-explainer-" + AwsWorld.RUN_ID);
        assertThat(world.aws.requests("SageMaker.DeleteModel")).isEmpty();
    }

    @Test
    void explainsTheTestSplitWithATransformJobOnTheRunsModel() {
        JsonNode job = only("SageMaker.CreateTransformJob");
        assertThat(job.path("TransformJobName").asString()).isEqualTo("credit-batch-" + AwsWorld.RUN_ID);
        assertThat(job.path("ModelName").asString()).isEqualTo("credit-model-" + AwsWorld.RUN_ID);
        assertThat(job.path("TransformInput")
                        .path("DataSource")
                        .path("S3DataSource")
                        .path("S3Uri")
                        .asString())
                .isEqualTo("s3://credit-pipeline/batch/input/" + AwsWorld.RUN_ID + "/");
        assertThat(job.path("TransformOutput").path("S3OutputPath").asString())
                .isEqualTo("s3://credit-pipeline/batch/output/" + AwsWorld.RUN_ID + "/");
        assertThat(job.path("DataProcessing").path("JoinSource").asString()).isEqualTo("Input");
        try (S3Client s3 = world.store.client()) {
            assertThat(s3.listObjectsV2(request ->
                                    request.bucket(EmbeddedS3.BUCKET).prefix("batch/input/" + AwsWorld.RUN_ID + "/"))
                            .contents())
                    .isNotEmpty()
                    .allSatisfy(object -> assertThat(object.key()).doesNotContain("_SUCCESS"));
        }
    }

    @Test
    void keepsTheRunRecordInTheBucketAndTheWorkFolder() throws Exception {
        String local;
        String bucket;
        try (S3Client s3 = world.store.client()) {
            bucket = s3.getObjectAsBytes(
                            request -> request.bucket(EmbeddedS3.BUCKET).key("runs/" + AwsWorld.RUN_ID + "/run.json"))
                    .asString(StandardCharsets.UTF_8);
            assertThat(s3.headObject(request ->
                                    request.bucket(EmbeddedS3.BUCKET).key("runs/" + AwsWorld.RUN_ID + "/report.html"))
                            .contentLength())
                    .isPositive();
        }
        local = Files.readString(work.resolve("runs/" + AwsWorld.RUN_ID + "/run.json"));
        assertThat(bucket).isEqualTo(local);
        RunRecord record = RunRecord.parse(local, "run.json");
        for (String stage : RunRecord.STAGES) {
            assertThat(record.stage(stage).status()).as(stage).isEqualTo(RunRecord.Status.SUCCEEDED);
        }
        assertThat(record.stage("train").resource("training_job_arn"))
                .hasValue("arn:aws:sagemaker:eu-west-1:123456789012:training-job/credit-train-" + AwsWorld.RUN_ID);
        assertThat(record.stage("prepare").figures()).containsEntry("train_rows", 480.0);
        assertThat(record.stage("serve").resource("endpoint_deleted")).isPresent();
        assertThat(record.setting("training_image"))
                .hasValue(AwsWorld.TRAINING_REPOSITORY + "@" + AwsWorld.TRAINING_DIGEST);
        assertThat(AwsStages.stillRunning(record, AwsWorld.awsOptions(Optional.empty(), false)))
                .isEmpty();
    }

    @Test
    void printsEveryStageItsWaitsAndTheInstanceHours() {
        assertThat(world.printed())
                .contains(
                        "AWS target: region eu-west-1, stacks Credit{Data,Etl,Model}",
                        "[1/6] generate synthetic applicants (n=600), seed 7",
                        "[2/6] prepare with Spark (AWS Glue)",
                        "[3/6] train LightGBM (SageMaker)",
                        "training job credit-train-" + AwsWorld.RUN_ID + ": InProgress",
                        "Glue job credit-etl: ",
                        "endpoint credit-explainer: ",
                        "[6/6] write the dataset report: done");
        assertThat(summary.render())
                .contains("instance-hours    training ")
                .contains("endpoint          credit-explainer deleted; model credit-model-" + AwsWorld.RUN_ID + " kept")
                .contains("run record        s3://credit-pipeline/runs/" + AwsWorld.RUN_ID + "/run.json");
    }
}

package com.example.credit.pipeline.aws;

import com.example.credit.batch.job.AssembleWith;
import com.example.credit.batch.job.BatchStrategy;
import com.example.credit.batch.job.DataProcessing;
import com.example.credit.batch.job.JoinSource;
import com.example.credit.batch.job.SplitType;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.local.LocalExplainer;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import com.example.credit.batch.local.TransformResult;
import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.datagen.lambda.DatagenHandler;
import com.example.credit.etl.EtlJob;
import com.example.credit.etl.EtlOptions;
import com.example.credit.etl.glue.GlueArguments;
import com.example.credit.pipeline.EmbeddedS3;
import com.example.credit.testsupport.aws.HostedModel;
import com.example.credit.testsupport.aws.Hosting;
import com.example.credit.testsupport.aws.TrainingJob;
import com.example.credit.testsupport.aws.TransformJob;
import com.example.credit.training.TrainingRequest;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the AWS stand-in's services run in these tests: this repository's own code for each job, reading and writing
 * the S3-compatible store as the real services read and write the bucket — the datagen Lambda's handler, the Glue
 * job's entry arguments and the Spark ETL, LightGBM training with the channels SageMaker would copy into the
 * container, the explainer jar behind an endpoint, and the Batch Transform semantics of batch-service.
 */
final class LocalJobs {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final EmbeddedS3 store;
    private final Path scratch;
    private final Path explainerJar;
    private final Map<URI, LocalExplainer> servers = new ConcurrentHashMap<>();

    LocalJobs(EmbeddedS3 store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
        this.explainerJar =
                Path.of(System.getProperty("pipeline.explainer.jar", "target/explainer/explainer-service.jar"));
    }

    /** The datagen Lambda: its handler, on an S3 client of the store. */
    String datagen(String payload) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = MAPPER.readValue(payload, Map.class);
        try (S3Client s3 = store.client()) {
            Map<String, Object> response = new DatagenHandler(Map.of(), s3).handleRequest(event, null);
            return MAPPER.writeValueAsString(response);
        }
    }

    /**
     * The Glue job: the arguments as Glue passes them to the job's main class (GlueArguments), s3:// served by s3a
     * on the store, as EMRFS serves it on Glue.
     */
    void etl(Map<String, String> arguments) {
        List<String> args = new ArrayList<>();
        arguments.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        args.addAll(List.of(
                "--JOB_NAME",
                "credit-etl",
                "--s3_endpoint",
                store.endpoint().toString(),
                "--s3_path_style_access",
                "true"));
        EtlOptions options = GlueArguments.parse(args.toArray(String[]::new))
                .withSparkConf("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
                .withSparkConf("spark.hadoop.fs.s3a.access.key", EmbeddedS3.ACCESS_KEY)
                .withSparkConf("spark.hadoop.fs.s3a.secret.key", EmbeddedS3.SECRET_KEY)
                .withSparkConf(
                        "spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        EtlJob.run(options);
    }

    /** A training job: its channels copied to local folders, training in this JVM, model.tar.gz uploaded. */
    Map<String, Double> train(TrainingJob job) throws Exception {
        Path root = Files.createDirectories(scratch.resolve("training").resolve(job.name()));
        Path data = root.resolve("input/data");
        for (Map.Entry<String, String> channel : job.channels().entrySet()) {
            download(channel.getValue(), data.resolve(channel.getKey()));
        }
        Path model = Files.createDirectories(root.resolve("model"));
        ModelManifest manifest = new com.example.credit.training.TrainingJob(FeatureCatalog.standard(), line -> {})
                .run(new TrainingRequest(new ChannelLayout(data), model, Hyperparameters.parse(job.hyperParameters())));
        Path archive = root.resolve("model.tar.gz");
        tar(model, archive);
        upload(archive, job.modelArtifact());
        return manifest.metrics();
    }

    /** An endpoint's model server: the explainer jar on the unpacked model.tar.gz. */
    Hosting hosting() {
        return new Hosting() {
            @Override
            public URI start(String endpointName, HostedModel model) throws Exception {
                LocalExplainer server = serve(endpointName, model);
                servers.put(server.baseUrl(), server);
                return server.baseUrl();
            }

            @Override
            public void stop(String endpointName, URI baseUrl) {
                LocalExplainer server = servers.remove(baseUrl);
                if (server != null) {
                    server.close();
                }
            }
        };
    }

    /** A transform job: the input copied from the store, batch-service's local transformer, the output uploaded. */
    void transform(TransformJob job) throws Exception {
        Path root = Files.createDirectories(scratch.resolve("transform").resolve(job.name()));
        Path input = root.resolve("input");
        Path output = root.resolve("output");
        download(job.inputS3Uri(), input);
        JsonNode request = job.request();
        JsonNode processing = request.path("DataProcessing");
        TransformJobSpec spec = TransformJobSpec.builder(input.toString(), output.toString(), job.contentType())
                .splitType(SplitType.parse("SplitType", job.splitType()))
                .batchStrategy(BatchStrategy.parse(
                        "BatchStrategy", request.path("BatchStrategy").asString()))
                .assembleWith(AssembleWith.parse("AssembleWith", job.assembleWith()))
                .accept(job.accept())
                .dataProcessing(
                        processing.isMissingNode()
                                ? DataProcessing.NONE
                                : new DataProcessing(
                                        processing.path("InputFilter").asString("$"),
                                        processing.path("OutputFilter").asString("$"),
                                        JoinSource.parse(
                                                "JoinSource",
                                                processing.path("JoinSource").asString("None"))))
                .build();
        try (LocalExplainer server = serve(job.name(), job.model())) {
            TransformResult result = LocalTransformer.run(
                    spec,
                    server.baseUrl(),
                    ProgressListener.printingTo(new PrintStream(OutputStream.nullOutputStream())));
            if (!result.succeeded()) {
                throw new IllegalStateException("ClientError: " + result.failures());
            }
        }
        String prefix = job.outputS3Path().endsWith("/") ? job.outputS3Path() : job.outputS3Path() + "/";
        try (Stream<Path> files = Files.walk(output)) {
            // SageMaker writes one .out per input file; the local transformer's resume markers stay behind.
            for (Path file : files.filter(file -> file.toString().endsWith(".out"))
                    .sorted()
                    .toList()) {
                upload(file, prefix + output.relativize(file).toString().replace('\\', '/'));
            }
        }
    }

    private LocalExplainer serve(String name, HostedModel model) throws IOException {
        Path root = Files.createDirectories(scratch.resolve("hosting").resolve(name + "-" + System.nanoTime()));
        Path modelDir = root.resolve("model");
        try (S3Client s3 = store.client();
                InputStream archive = s3.getObject(
                        request -> request.bucket(bucket(model.modelDataUrl())).key(key(model.modelDataUrl())))) {
            ModelArchive.extract(archive, modelDir, model.modelDataUrl());
        }
        // C1 only and the serial collector start the explainer's Spring Boot about a third sooner; it explains a
        // few hundred records here, which do not need C2.
        return LocalExplainer.start(LocalExplainer.Launch.of(explainerJar, modelDir, root.resolve("explainer.log"))
                .withJvmOptions(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")));
    }

    /** Stops every model server still running. */
    void close() {
        servers.values().forEach(LocalExplainer::close);
        servers.clear();
    }

    private void download(String uri, Path folder) throws IOException {
        String prefix = key(uri);
        try (S3Client s3 = store.client()) {
            for (S3Object object : s3.listObjectsV2Paginator(
                            request -> request.bucket(bucket(uri)).prefix(prefix))
                    .contents()) {
                Path file =
                        folder.resolve(object.key().substring(prefix.length()).replaceFirst("^/", ""));
                Files.createDirectories(file.getParent());
                try (InputStream in =
                        s3.getObject(request -> request.bucket(bucket(uri)).key(object.key()))) {
                    Files.copy(in, file);
                }
            }
        }
    }

    private void upload(Path file, String uri) {
        try (S3Client s3 = store.client()) {
            s3.putObject(request -> request.bucket(bucket(uri)).key(key(uri)), RequestBody.fromFile(file));
        }
    }

    /** model.tar.gz as SageMaker makes it: the model folder's files at the archive's root. */
    static void tar(Path folder, Path archive) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", folder.toString(), ".")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("tar failed: " + output);
        }
    }

    static String bucket(String uri) {
        String rest = uri.substring("s3://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    static String key(String uri) {
        String rest = uri.substring("s3://".length());
        return rest.substring(rest.indexOf('/') + 1);
    }
}

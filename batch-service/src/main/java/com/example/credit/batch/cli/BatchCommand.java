package com.example.credit.batch.cli;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.InvalidBiasSettingsException;
import com.example.credit.batch.InvalidJobSpecException;
import com.example.credit.batch.aws.AwsTransformResult;
import com.example.credit.batch.aws.SageMakerTransformer;
import com.example.credit.batch.job.AssembleWith;
import com.example.credit.batch.job.BatchStrategy;
import com.example.credit.batch.job.DataProcessing;
import com.example.credit.batch.job.JoinSource;
import com.example.credit.batch.job.SplitType;
import com.example.credit.batch.job.TransformJobSpec;
import com.example.credit.batch.job.TransformResources;
import com.example.credit.batch.local.LocalTransformer;
import com.example.credit.batch.local.ProgressListener;
import com.example.credit.batch.local.TransformResult;
import com.example.credit.batch.report.DatasetReport;
import com.example.credit.batch.report.LabelReader;
import com.example.credit.batch.report.ReportSummary;
import com.example.credit.batch.runs.ApplicantFilter;
import com.example.credit.batch.runs.BadQueryException;
import com.example.credit.batch.runs.BiasSettings;
import com.example.credit.batch.runs.ProtectedGroups;
import com.example.credit.batch.runs.RunIndex;
import com.example.credit.batch.runs.RunModel;
import com.example.credit.batch.runs.StoredRuns;
import com.example.credit.batch.storage.FileSystemStorage;
import com.example.credit.batch.storage.InvalidLocationException;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RoutingStorage;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.S3Storage;
import com.example.credit.batch.storage.StorageException;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClientBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch command line: {@code transform} runs a job on the local or the AWS back end, {@code report} writes
 * the dataset report. Only adapts flags and exit codes; the work is done by the public API it calls.
 *
 * <p>Exit codes: 0 done, 1 the job or some files failed, 2 a usage error (an unknown flag, a value that breaks a
 * job rule).
 */
public final class BatchCommand {

    static final String USAGE = """
            usage:
              transform --backend local|aws --input LOCATION --output LOCATION
                        [--endpoint http://127.0.0.1:8080]  (local: the explainer's base URL)
                        [--retry-pauses-ms 200,1000]  (local: a retry of a 5xx or lost connection after each pause)
                        [--content-type application/jsonlines] [--split-type None|Line]
                        [--batch-strategy SingleRecord|MultiRecord] [--max-payload-mb 1-100]
                        [--max-concurrent N] [--assemble-with None|Line] [--accept application/jsonlines]
                        [--input-filter $] [--output-filter $] [--join-source None|Input]
                        [--model-name NAME] [--job-name NAME] [--instance-type ml.m5.large] [--instance-count 1]
                        [--env KEY=VALUE ...] [--download-to DIR] [--region eu-west-1]
                        [--aws-endpoint URL]  (aws; the endpoint for SageMaker and S3, e.g. LocalStack)
              report --predictions BATCH_OUTPUT_DIR --labels LABEL_DIR --output report.html
                     [--protected PROTECTED_DIR]  (then bias-post.json and analysis.json beside the report)
                     [--model MODEL_DIR]  (the model that explained the run: then the global explanations,
                     mean SHAP value by value beside the model's partial dependence)
              index --predictions BATCH_OUTPUT_DIR [--labels LABEL_DIR] [--protected PROTECTED_DIR]
                    [--model MODEL_DIR]  (as for report)
                    (the dashboard's one-off index step; protected groups are joined for the filter, and with
                    labels the run's fairness is analysed: aggregates only, never an applicant's group)
                (report, index with --protected: [--facets 'personal__gender=female,personal__age<25,...']
                 (default: credit-core's Facets.DEFAULT) [--group-variable credit__purpose|none]
                 [--decline-threshold 0.5]  (approved below it, as the dashboard's decline threshold))
              applicants --predictions BATCH_OUTPUT_DIR [--filter 'score>=0.5,label=1'] [--sort score_desc]
                         [--page 0] [--size 25]  (a page of an indexed run, one JSON line per applicant)
              serve --run ID=BATCH_OUTPUT_DIR[,LABEL_DIR[,MODEL_DIR[,PROTECTED_DIR]]] [--run ...] [--port 8090]
                    [--address 127.0.0.1] [--jobs JOB_STATE_DIR] [--endpoint http://127.0.0.1:8080]
                    (the dashboard: page and REST API; runs are indexed on first use; any address but loopback
                    needs HTTP Basic as analyst, password printed at start; transform jobs submitted to
                    /api/jobs are saved in JOB_STATE_DIR, default ~/.credit-batch/jobs, and local ones call
                    the explainer at --endpoint unless they name one; runs with labels and protected attributes
                    get the Fairness section, [--facets ...] [--group-variable ...] as for index)
                (index, applicants, serve: each folder may be s3://bucket/prefix; then [--region eu-west-1]
                 [--aws-endpoint URL] (an S3-compatible store, path-style) [--cache-dir DIR] (where S3 runs'
                 indexes are kept locally; default credit-dashboard-cache in the temporary folder))
              explain (--endpoint-name NAME [--region R] [--aws-endpoint URL] | --url URL)
                      [--entities e1,e2] [--batch-size 50]  < applications.jsonl  (one explained line out each)
            """;

    private static final Set<String> TRANSFORM_FLAGS = Set.of(
            "backend",
            "input",
            "output",
            "endpoint",
            "content-type",
            "split-type",
            "batch-strategy",
            "max-payload-mb",
            "max-concurrent",
            "assemble-with",
            "accept",
            "input-filter",
            "output-filter",
            "join-source",
            "model-name",
            "job-name",
            "instance-type",
            "instance-count",
            "env",
            "download-to",
            "region",
            "aws-endpoint",
            "retry-pauses-ms");

    private static final Set<String> REPORT_FLAGS = Set.of(
            "predictions", "labels", "output", "protected", "model", "facets", "group-variable", "decline-threshold");
    private static final Set<String> INDEX_FLAGS = Set.of(
            "predictions",
            "labels",
            "protected",
            "model",
            "facets",
            "group-variable",
            "decline-threshold",
            "region",
            "aws-endpoint",
            "cache-dir");
    private static final Set<String> SERVE_FLAGS = Set.of(
            "run",
            "port",
            "address",
            "jobs",
            "endpoint",
            "facets",
            "group-variable",
            "region",
            "aws-endpoint",
            "cache-dir");
    private static final Set<String> APPLICANTS_FLAGS =
            Set.of("predictions", "filter", "sort", "page", "size", "region", "aws-endpoint", "cache-dir");

    private final PrintStream out;
    private final PrintStream err;

    public BatchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new BatchCommand(System.out, System.err).execute(args);
        // serve leaves the web server running (its threads keep the JVM alive); every other command is done.
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(code);
        }
    }

    /** Runs a command line and returns its exit code. */
    public int execute(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (args[0].equals("explain")) {
            return new ExplainCommand().run(rest.toArray(String[]::new), System.in, out, err);
        }
        try {
            return switch (args[0]) {
                case "transform" -> transform(Flags.parse(rest, TRANSFORM_FLAGS));
                case "report" -> report(Flags.parse(rest, REPORT_FLAGS));
                case "index" -> index(Flags.parse(rest, INDEX_FLAGS));
                case "applicants" -> applicants(Flags.parse(rest, APPLICANTS_FLAGS));
                case "serve" -> serve(Flags.parse(rest, SERVE_FLAGS));
                default ->
                    throw new UsageException("unknown command '" + args[0]
                            + "'; use transform, report, index, applicants, serve or explain");
            };
        } catch (UsageException
                | InvalidJobSpecException
                | InvalidBiasSettingsException
                | BadQueryException
                | InvalidLocationException e) {
            // A flag value that breaks a job rule is a usage error too: nothing ran.
            err.println("batch: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (BatchException e) {
            err.println("batch: " + e.getMessage());
            return 1;
        }
    }

    /** The job description of {@code transform}'s flags. */
    static TransformJobSpec spec(Flags flags) {
        TransformJobSpec.Builder builder = TransformJobSpec.builder(
                flags.require("input"), flags.require("output"), flags.get("content-type", "application/jsonlines"));
        builder.jobName(flags.get("job-name"))
                .modelName(flags.get("model-name"))
                .splitType(SplitType.parse("SplitType", flags.get("split-type", "None")))
                .assembleWith(AssembleWith.parse("AssembleWith", flags.get("assemble-with", "None")))
                .accept(flags.get("accept"))
                .maxPayloadInMB(flags.integer("max-payload-mb"))
                .maxConcurrentTransforms(flags.integer("max-concurrent"))
                .dataProcessing(new DataProcessing(
                        flags.get("input-filter", "$"),
                        flags.get("output-filter", "$"),
                        JoinSource.parse("JoinSource", flags.get("join-source", "None"))))
                .resources(new TransformResources(
                        flags.get("instance-type", TransformResources.DEFAULT.instanceType()),
                        flags.integer("instance-count") == null ? 1 : flags.integer("instance-count")))
                .environment(flags.environment());
        if (flags.get("batch-strategy") != null) {
            builder.batchStrategy(BatchStrategy.parse("BatchStrategy", flags.get("batch-strategy")));
        }
        return builder.build();
    }

    private int transform(Flags flags) {
        String backend = flags.require("backend").toLowerCase(Locale.ROOT);
        TransformJobSpec spec = spec(flags);
        switch (backend) {
            case "local" -> {
                URI endpoint = URI.create(flags.get("endpoint", "http://127.0.0.1:8080"));
                TransformResult result =
                        LocalTransformer.run(spec, endpoint, ProgressListener.printingTo(out), retryPauses(flags));
                out.printf(
                        Locale.ROOT,
                        "batch: %d file(s): %d done, %d already done, %d failed; %d records (%d error lines),"
                                + " %d requests, %.1f records/s; output in %s%n",
                        result.files(),
                        result.filesDone(),
                        result.filesSkipped(),
                        result.failures().size(),
                        result.records(),
                        result.errorRecords(),
                        result.requests(),
                        result.recordsPerSecond(),
                        result.output());
                result.failures()
                        .forEach(failure ->
                                err.println("batch: failed " + failure.relativePath() + ": " + failure.reason()));
                if (!result.succeeded()) {
                    err.println("batch: run the same command again to finish the failed files");
                }
                return result.succeeded() ? 0 : 1;
            }
            case "aws" -> {
                String region = flags.get("region");
                URI awsEndpoint = flags.get("aws-endpoint") == null ? null : URI.create(flags.get("aws-endpoint"));
                try (SageMakerClient sageMaker = awsClient(SageMakerClient.builder(), region, awsEndpoint);
                        S3Client s3 = awsClient(S3Client.builder(), region, awsEndpoint)) {
                    String download = flags.get("download-to");
                    AwsTransformResult result = SageMakerTransformer.of(
                                    sageMaker, s3, line -> out.println("batch: " + line))
                            .run(spec, download == null ? null : Path.of(download));
                    out.println("batch: transform job " + result.jobName() + " completed after " + result.polls()
                            + " status check(s); " + result.downloaded().size() + " output file(s) downloaded");
                    return 0;
                }
            }
            default -> throw new UsageException("--backend must be local or aws, not '" + backend + "'");
        }
    }

    /** {@code --retry-pauses-ms}: whole milliseconds separated by commas, one retry after each. */
    static List<Duration> retryPauses(Flags flags) {
        String text = flags.get("retry-pauses-ms");
        if (text == null) {
            return LocalTransformer.DEFAULT_RETRY_PAUSES;
        }
        List<Duration> pauses = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                long millis = Long.parseLong(part.strip());
                if (millis < 0) {
                    throw new NumberFormatException();
                }
                pauses.add(Duration.ofMillis(millis));
            } catch (NumberFormatException e) {
                throw new UsageException("flag --retry-pauses-ms needs whole milliseconds of 0 or more separated by"
                        + " commas (200,1000), got '" + text + "'");
            }
        }
        return pauses;
    }

    private static SageMakerClient awsClient(SageMakerClientBuilder builder, String region, URI endpoint) {
        builder.httpClient(UrlConnectionHttpClient.create());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static S3Client awsClient(S3ClientBuilder builder, String region, URI endpoint) {
        builder.httpClient(UrlConnectionHttpClient.create());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            // S3-compatible stores on one host name need path-style addressing.
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }

    private int report(Flags flags) {
        Path predictions = Path.of(flags.require("predictions"));
        Path labels = Path.of(flags.require("labels"));
        Path output = Path.of(flags.require("output"));
        BiasSettings bias = biasSettings(flags);
        ReportSummary summary = DatasetReport.write(
                predictions,
                labels,
                flags.get("protected") == null ? null : Path.of(flags.get("protected")),
                bias,
                flags.get("model") == null ? null : Path.of(flags.get("model")),
                output);
        out.printf(
                Locale.ROOT,
                "batch: report %s (%d KB): %d records, %d labelled, AUC %.4f, %d error line(s) left out%s%n",
                summary.html(),
                summary.bytes() / 1024,
                summary.records(),
                summary.labelled(),
                summary.auc(),
                summary.errorLines(),
                summary.biasPost().isPresent()
                        ? "; fairness in " + summary.biasPost().get().getFileName() + " and "
                                + summary.clarifyAnalysis().orElseThrow().getFileName() + " beside it"
                        : "");
        return 0;
    }

    /**
     * The bias analysis's settings of {@code --facets}, {@code --group-variable} and {@code --decline-threshold}
     * (checked even without {@code --protected}, so that a typo is never silently ignored).
     */
    static BiasSettings biasSettings(Flags flags) {
        double threshold = BiasSettings.DEFAULT_THRESHOLD;
        String text = flags.get("decline-threshold");
        if (text != null) {
            try {
                threshold = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new UsageException("flag --decline-threshold needs a number, got '" + text + "'");
            }
        }
        return BiasSettings.parse(flags.get("facets"), flags.get("group-variable"), threshold);
    }

    private int index(Flags flags) {
        Location predictions = Location.parse(flags.require("predictions"));
        String labelFolder = flags.get("labels");
        try (RunsOnTheCommandLine runs = new RunsOnTheCommandLine(flags)) {
            Map<String, Boolean> labels = labelFolder == null
                    ? Map.of()
                    : LabelReader.read(runs.stored().storage(), Location.parse(labelFolder), JsonMapper.shared());
            String protectedFolder = flags.get("protected");
            BiasSettings bias = biasSettings(flags);
            ProtectedGroups groups = protectedFolder == null
                    ? null
                    : ProtectedGroups.read(runs.stored().storage(), Location.parse(protectedFolder));
            RunModel model = flags.get("model") == null
                    ? null
                    : RunModel.read(runs.stored().storage(), Location.parse(flags.get("model")));
            long start = System.nanoTime();
            long rows = runs.stored().index(predictions, labels, groups, bias, model);
            RunIndex index = runs.stored().open(predictions);
            out.printf(
                    Locale.ROOT,
                    "batch: indexed %d applicants of %s in %.1f s (%d labelled, AUC %s%s)%n",
                    rows,
                    predictions,
                    (System.nanoTime() - start) / 1e9,
                    index.summary().path("labelled").asLong(),
                    index.summary().path("auc").isNumber()
                            ? String.format(
                                    Locale.ROOT,
                                    "%.4f",
                                    index.summary().path("auc").asDouble())
                            : "n/a",
                    groups == null ? "" : ", protected groups of " + fairness(index.summary()));
        }
        return 0;
    }

    /**
     * The matched applicants and the fairness analysis's rows, or, for a labelled run, why it has none: counts, never
     * a group.
     */
    private static String fairness(JsonNode summary) {
        String matched = Long.toString(summary.path("protected").path("matched").asLong());
        JsonNode fairness = summary.path("fairness");
        if (fairness.isObject()) {
            return matched + "; fairness of "
                    + fairness.path("rows").path("analysed").asLong() + " labelled applicants by "
                    + fairness.path("settings").path("facets").size() + " facets";
        }
        return summary.path("labelled").asLong() == 0
                ? matched
                : matched + "; no fairness: " + summary.path("fairness_note").asString();
    }

    private int applicants(Flags flags) {
        FeatureCatalog catalog = FeatureCatalog.standard();
        RunIndex.Page page;
        try (RunsOnTheCommandLine runs = new RunsOnTheCommandLine(flags)) {
            RunIndex index = runs.stored().open(Location.parse(flags.require("predictions")));
            page = index.applicants(
                    ApplicantFilter.parse(flags.get("filter", ""), catalog),
                    RunIndex.Sort.parse(flags.get("sort", "score_desc")),
                    flags.integer("page") == null ? 0 : flags.integer("page"),
                    flags.integer("size") == null ? 25 : flags.integer("size"));
        }
        JsonMapper mapper = JsonMapper.shared();
        for (RunIndex.Row row : page.rows()) {
            out.println(mapper.writeValueAsString(row));
        }
        err.printf(Locale.ROOT, "batch: page %d of %d applicant(s) kept by the filter%n", page.page(), page.total());
        return 0;
    }

    /**
     * The runs of {@code index} and {@code applicants}: local folders, and S3 through a client made from
     * {@code --region} and {@code --aws-endpoint} (credentials: the default AWS chain) on first use, closed at the
     * end.
     */
    private static final class RunsOnTheCommandLine implements AutoCloseable {
        private final StoredRuns stored;
        private S3Client client;

        RunsOnTheCommandLine(Flags flags) {
            String region = flags.get("region");
            URI endpoint = flags.get("aws-endpoint") == null ? null : URI.create(flags.get("aws-endpoint"));
            RunStorage storage = new RoutingStorage(new FileSystemStorage(), () -> {
                try {
                    client = awsClient(S3Client.builder(), region, endpoint);
                } catch (SdkClientException e) {
                    throw new StorageException(
                            "no S3 client can be made: " + e.getMessage() + " (pass --region, or set AWS_REGION)");
                }
                return S3Storage.of(client);
            });
            String cache = flags.get("cache-dir");
            stored = new StoredRuns(
                    storage, cache == null ? StoredRuns.defaultCacheDir() : Path.of(cache), FeatureCatalog.standard());
        }

        StoredRuns stored() {
            return stored;
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
        }
    }

    /** Spring's command-line properties for {@code serve}'s flags. */
    static List<String> serveArguments(Flags flags) {
        List<String> runs = flags.all("run");
        if (runs.isEmpty()) {
            throw new UsageException(
                    "serve needs at least one --run ID=BATCH_OUTPUT_DIR[,LABEL_DIR[,MODEL_DIR[,PROTECTED_DIR]]]");
        }
        List<String> arguments = new java.util.ArrayList<>();
        boolean onS3 = false;
        for (int i = 0; i < runs.size(); i++) {
            String run = runs.get(i);
            int equals = run.indexOf('=');
            if (equals < 1 || equals == run.length() - 1) {
                throw new UsageException("flag --run needs ID=BATCH_OUTPUT_DIR[,LABEL_DIR[,MODEL_DIR[,PROTECTED_DIR]]],"
                        + " got '" + run + "'");
            }
            String[] folders = run.substring(equals + 1).split(",", 4);
            arguments.add("--dashboard.runs[" + i + "].id=" + run.substring(0, equals));
            arguments.add("--dashboard.runs[" + i + "].output=" + location(folders[0]));
            onS3 |= folders[0].startsWith("s3://");
            if (folders.length > 1 && !folders[1].isBlank()) {
                arguments.add("--dashboard.runs[" + i + "].labels=" + location(folders[1]));
                onS3 |= folders[1].startsWith("s3://");
            }
            if (folders.length > 2 && !folders[2].isBlank()) {
                arguments.add("--dashboard.runs[" + i + "].model=" + location(folders[2]));
                onS3 |= folders[2].startsWith("s3://");
            }
            if (folders.length > 3 && !folders[3].isBlank()) {
                arguments.add("--dashboard.runs[" + i + "].protected-attributes=" + location(folders[3]));
                onS3 |= folders[3].startsWith("s3://");
            }
        }
        Integer port = flags.integer("port");
        if (port != null) {
            arguments.add("--server.port=" + port);
        }
        if (flags.get("address") != null) {
            arguments.add("--server.address=" + flags.get("address"));
        }
        if (flags.get("jobs") != null) {
            arguments.add(
                    "--dashboard.jobs.state-dir=" + Path.of(flags.get("jobs")).toAbsolutePath());
        }
        if (flags.get("endpoint") != null) {
            arguments.add("--dashboard.jobs.explainer-url=" + flags.get("endpoint"));
        }
        if (flags.get("facets") != null) {
            arguments.add("--dashboard.bias.facets=" + flags.get("facets"));
        }
        if (flags.get("group-variable") != null) {
            arguments.add("--dashboard.bias.group-variable=" + flags.get("group-variable"));
        }
        // S3 (Spring Cloud AWS) is on only for runs on S3: its client needs a region at start.
        if (onS3) {
            arguments.add("--spring.cloud.aws.s3.enabled=true");
        }
        if (flags.get("region") != null) {
            arguments.add("--spring.cloud.aws.region.static=" + flags.get("region"));
        }
        if (flags.get("aws-endpoint") != null) {
            arguments.add("--spring.cloud.aws.s3.endpoint=" + flags.get("aws-endpoint"));
            arguments.add("--spring.cloud.aws.s3.path-style-access-enabled=true");
        }
        if (flags.get("cache-dir") != null) {
            arguments.add(
                    "--dashboard.cache-dir=" + Path.of(flags.get("cache-dir")).toAbsolutePath());
        }
        return arguments;
    }

    /** A location as the dashboard's properties take it: an S3 one as written (checked), a path made absolute. */
    private static String location(String text) {
        Location location = Location.parse(text);
        return location instanceof Location.Local local
                ? local.path().toAbsolutePath().toString()
                : location.toString();
    }

    private int serve(Flags flags) {
        List<String> arguments = serveArguments(flags);
        org.springframework.context.ConfigurableApplicationContext context =
                com.example.credit.batch.web.DashboardApplication.start(arguments.toArray(String[]::new));
        String port = context.getEnvironment().getProperty("local.server.port");
        String address = context.getEnvironment().getProperty("server.address", "127.0.0.1");
        out.println("batch: dashboard at http://" + address + ":" + port + "/ (Ctrl-C stops it)");
        return 0;
    }
}

package com.example.credit.batch;

import com.example.credit.core.manifest.ModelManifest;
import com.example.credit.core.manifest.ModelManifestJson;
import com.example.credit.core.manifest.ReferenceRows;
import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.ApplicationValidator;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.schema.Violation;
import com.example.credit.core.shap.InterventionalShap;
import com.example.credit.core.shap.TreeShap;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real explainer for the tests, on the JDK's HTTP server: {@code GET /execution-parameters} and {@code POST
 * /invocations} with explainer-service's request and response formats (JSON, JSON Lines and CSV in; entities
 * from the Content-Type parameter; the whole request validated first, a 400 problem detail naming the field;
 * 413 over the payload limit; 415 for other content types), computing real TreeSHAP explanations with
 * credit-core on the trained test model. It counts what it receives, can hold the first requests until several
 * run at once, and can start failing with 503 after a number of records (a crash mid-run).
 */
public final class TestExplainer implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final String DEFAULT_ENTITIES = "prediction,explanation_shap_values,reasons";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final FeatureCatalog catalog = FeatureCatalog.standard();
    private final FeatureEncoder encoder = new FeatureEncoder(catalog);
    private final ApplicationValidator validator = ApplicationValidator.forApplications(catalog);
    private final Path modelDirectory;
    private final LightGbmModel model;
    private final TreeShap shap;
    /** Interventional explainers by reference population, made on first use from the model folder's files. */
    private final Map<String, InterventionalShap> interventional = new ConcurrentHashMap<>();

    private final List<Integer> recordsPerRequest = new CopyOnWriteArrayList<>();
    private final List<Integer> bytesPerRequest = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicLong recordsExplained = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile String executionParameters =
            "{\"MaxConcurrentTransforms\":2,\"BatchStrategy\":\"MultiRecord\",\"MaxPayloadInMB\":6}";
    private volatile long failAfterRecords = Long.MAX_VALUE;
    private volatile CountDownLatch gate;
    private volatile CountDownLatch pause;
    private volatile long pauseAfterRecords = Long.MAX_VALUE;
    private final AtomicInteger paused = new AtomicInteger();
    private final long maxPayloadBytes = 6L * 1024 * 1024;

    private TestExplainer(Path modelDirectory) throws IOException {
        this.modelDirectory = modelDirectory;
        this.model = LightGbmModel.read(modelDirectory.resolve("model.txt"));
        this.shap = TreeShap.of(model);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/execution-parameters", this::executionParameters);
        server.createContext("/invocations", this::invocations);
        server.start();
    }

    /** Starts an explainer of the test model on a free port. */
    public static TestExplainer start() {
        try {
            return new TestExplainer(TestModel.directory());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers 503 to every request once this many records have been explained. */
    public TestExplainer failAfter(long records) {
        failAfterRecords = records;
        return this;
    }

    /** Holds the first {@code parallel} requests until that many run at once (or 10 s have passed). */
    public TestExplainer holdUntilConcurrent(int parallel) {
        gate = new CountDownLatch(parallel);
        return this;
    }

    /**
     * Holds every request that arrives once this many more records have been explained (counted from now), until
     * {@link #resume()} or {@link #close()}: a job that stops making progress half-way, at a known place.
     */
    public TestExplainer pauseAfter(long records) {
        pause = new CountDownLatch(1);
        pauseAfterRecords = recordsExplained.get() + records;
        return this;
    }

    /** Lets held requests go on. */
    public TestExplainer resume() {
        pauseAfterRecords = Long.MAX_VALUE;
        CountDownLatch latch = pause;
        if (latch != null) {
            latch.countDown();
        }
        return this;
    }

    /** How many requests are held by {@link #pauseAfter(long)} now. */
    public int paused() {
        return paused.get();
    }

    /** The body of {@code GET /execution-parameters}, or {@code null} for a 404. */
    public TestExplainer executionParameters(String json) {
        executionParameters = json;
        return this;
    }

    public List<Integer> recordsPerRequest() {
        return List.copyOf(recordsPerRequest);
    }

    public List<Integer> bytesPerRequest() {
        return List.copyOf(bytesPerRequest);
    }

    /** The Content-Type of every request received, parameters included (which this stand-in reads only entities of). */
    public List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    public long recordsExplained() {
        return recordsExplained.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The prediction of an application, straight from the model, to compare outputs with. */
    public double predict(JsonNode application) {
        return model.predictProbability(encoder.encode(application));
    }

    @Override
    public void close() {
        resume();
        server.stop(0);
        executor.shutdownNow();
    }

    private void executionParameters(HttpExchange exchange) throws IOException {
        String body = executionParameters;
        if (body == null) {
            HttpReplies.send(exchange, 404, "application/problem+json", problem(404, "Not Found", "no such route"));
        } else {
            HttpReplies.send(exchange, 200, "application/json", body);
        }
    }

    /** An answer, made before it is sent. */
    private record Reply(int status, String contentType, String body) {}

    private void invocations(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        Reply reply;
        try {
            reply = answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            // Out of flight once its answer is made: the client may send its next request as soon as it has read
            // the answer, before this thread would get past the send.
            inFlight.decrementAndGet();
        }
        HttpReplies.send(exchange, reply.status(), reply.contentType(), reply.body());
    }

    private Reply answer(HttpExchange exchange) throws IOException, InterruptedException {
        CountDownLatch latch = gate;
        if (latch != null) {
            latch.countDown();
            latch.await(10, TimeUnit.SECONDS);
        }
        if (recordsExplained.get() >= pauseAfterRecords) {
            paused.incrementAndGet();
            try {
                pause.await();
            } finally {
                paused.decrementAndGet();
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        bytesPerRequest.add(body.length);
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
        if (recordsExplained.get() >= failAfterRecords) {
            return new Reply(503, "text/plain", "the explainer is going down");
        }
        if (body.length > maxPayloadBytes) {
            return new Reply(
                    413, "application/problem+json", problem(413, "Payload too large", body.length + " bytes"));
        }
        return respond(exchange, body);
    }

    private Reply respond(HttpExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        String entities = DEFAULT_ENTITIES;
        String method = "path_dependent";
        String reference = ReferenceSet.BACKGROUND;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("entities=")) {
                entities = parameter.substring("entities=".length());
            } else if (parameter.startsWith("explanation_method=")) {
                method = parameter.substring("explanation_method=".length());
            } else if (parameter.startsWith("reference=")) {
                reference = parameter.substring("reference=".length());
            }
        }
        ReferenceSet referenceSet = method.equals("interventional") ? referenceSet(reference) : null;
        List<ObjectNode> records;
        boolean singleObject = false;
        try {
            String text = new String(body, StandardCharsets.UTF_8);
            switch (mediaType) {
                case "application/jsonlines" -> records = jsonLines(text);
                case "text/csv" -> records = csv(text);
                case "application/json" -> {
                    JsonNode root = MAPPER.readTree(text);
                    singleObject = root.isObject();
                    records = new ArrayList<>();
                    if (root.isObject()) {
                        records.add((ObjectNode) root);
                    } else {
                        root.values().forEach(node -> records.add((ObjectNode) node));
                    }
                }
                default -> {
                    return new Reply(
                            415,
                            "application/problem+json",
                            problem(
                                    415,
                                    "Unsupported Content-Type",
                                    "Content-Type '" + contentType + "' is not supported"));
                }
            }
        } catch (JacksonException | ClassCastException | NumberFormatException e) {
            return new Reply(400, "application/problem+json", problem(400, "Malformed request body", e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        for (int r = 0; r < records.size(); r++) {
            for (Violation violation : validator.validate(records.get(r))) {
                problems.add("record " + (r + 1) + ": " + violation.message());
            }
        }
        if (!problems.isEmpty()) {
            return new Reply(
                    400, "application/problem+json", problem(400, "Invalid application", String.join("; ", problems)));
        }
        List<ObjectNode> outputs = new ArrayList<>();
        for (ObjectNode record : records) {
            outputs.add(explain(record, List.of(entities.split(",")), referenceSet));
        }
        recordsExplained.addAndGet(records.size());
        recordsPerRequest.add(records.size());
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean jsonLines = accept == null ? mediaType.equals("application/jsonlines") : accept.contains("jsonlines");
        if (jsonLines) {
            StringBuilder lines = new StringBuilder();
            outputs.forEach(
                    output -> lines.append(MAPPER.writeValueAsString(output)).append('\n'));
            return new Reply(200, "application/jsonlines", lines.toString());
        } else if (singleObject) {
            return new Reply(200, "application/json", MAPPER.writeValueAsString(outputs.get(0)));
        } else {
            ArrayNode array = MAPPER.createArrayNode();
            outputs.forEach(array::add);
            return new Reply(200, "application/json", MAPPER.writeValueAsString(array));
        }
    }

    /** The manifest's entry of a reference population (explainer-service's {@code reference=}). */
    private ReferenceSet referenceSet(String name) {
        return ModelManifestJson.read(modelDirectory)
                .reference(name)
                .orElseThrow(() -> new IllegalArgumentException("the test model has no reference set " + name));
    }

    private InterventionalShap interventional(ReferenceSet set) {
        return interventional.computeIfAbsent(set.name(), name -> {
            try {
                ModelManifest manifest = ModelManifestJson.read(modelDirectory);
                byte[] content = Files.readAllBytes(modelDirectory.resolve(set.file()));
                return InterventionalShap.of(model, ReferenceRows.read(set, content, manifest.features()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A record's response: path-dependent TreeSHAP, or with a reference set interventional TreeSHAP against it, named
     * in {@code explanation_shap_values} as explainer-service names them.
     */
    private ObjectNode explain(ObjectNode record, List<String> entities, ReferenceSet reference) {
        double[] row = encoder.encode(record);
        double[] contributions = reference == null
                ? shap.contributions(row)
                : interventional(reference).contributions(row);
        int n = catalog.size();
        double raw = model.predictRaw(row);
        double probability = model.objective().probability(raw);
        double bias = contributions[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += contributions[i];
        }
        double baseline = model.objective().probability(bias);
        double slope = Math.abs(sum) < 1e-12 ? baseline * (1 - baseline) : (probability - baseline) / sum;
        ObjectNode out = MAPPER.createObjectNode();
        for (String entity : entities) {
            switch (entity.strip()) {
                case "data" -> out.set("data", record.deepCopy());
                case "prediction" -> out.put("prediction", probability);
                case "explanation_shap_values" -> {
                    ObjectNode node = out.putObject("explanation_shap_values");
                    // As explainer-service names its method and reference.
                    node.put("explanation_method", reference == null ? "path_dependent" : "interventional");
                    if (reference != null) {
                        node.putObject("reference")
                                .put("name", reference.name())
                                .put("rows", reference.rows())
                                .put("sha256", reference.sha256())
                                .put("description", reference.description());
                    }
                    node.put("expected_value", bias);
                    node.put("raw_score", raw);
                    ObjectNode values = node.putObject("shap_values");
                    ObjectNode view = node.putObject("probability_view");
                    double[] viewed =
                            reference == null ? null : interventional(reference).probabilityContributions(row);
                    view.put("method", reference == null ? "secant-scaling/1" : InterventionalShap.PROBABILITY_METHOD);
                    view.put("baseline", reference == null ? baseline : viewed[n]);
                    view.put("prediction", probability);
                    ObjectNode scaled = view.putObject("contributions");
                    for (Feature feature : catalog.features()) {
                        values.put(feature.name(), contributions[feature.index()]);
                        scaled.put(
                                feature.name(),
                                reference == null ? contributions[feature.index()] * slope : viewed[feature.index()]);
                    }
                }
                case "reasons" -> {
                    ObjectNode node = out.putObject("reasons");
                    node.put("reason_method_version", "top-k-positive-shap/1");
                    node.put("k", 4);
                    ArrayNode list = node.putArray("reasons");
                    List<Feature> pushing = catalog.features().stream()
                            .filter(feature -> contributions[feature.index()] > 0)
                            .sorted(Comparator.comparingDouble((Feature feature) -> -contributions[feature.index()])
                                    .thenComparingInt(Feature::index))
                            .limit(4)
                            .toList();
                    for (Feature feature : pushing) {
                        ObjectNode reason = list.addObject();
                        reason.put("rank", list.size());
                        reason.put("feature", feature.name());
                        reason.put("title", feature.title());
                        reason.set("value", record.get(feature.name()));
                        reason.put("shap_value", contributions[feature.index()]);
                        reason.put("probability_contribution", contributions[feature.index()] * slope);
                        reason.put(
                                "text",
                                String.format(
                                        Locale.ROOT,
                                        "%s is %s: this raises the estimated probability"
                                                + " of default by %.1f percentage points. %s",
                                        feature.title(),
                                        record.get(feature.name()).asString(),
                                        100 * contributions[feature.index()] * slope,
                                        feature.meaning()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown entity " + entity);
            }
        }
        return out;
    }

    private static List<ObjectNode> jsonLines(String text) {
        List<ObjectNode> records = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                records.add((ObjectNode) MAPPER.readTree(line));
            }
        }
        return records;
    }

    private List<ObjectNode> csv(String text) {
        List<ObjectNode> records = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != catalog.size()) {
                throw new ClassCastException(
                        "a CSV line has " + cells.length + " values, a record has " + catalog.size());
            }
            ObjectNode record = MAPPER.createObjectNode();
            for (Feature feature : catalog.features()) {
                String cell = cells[feature.index()].strip();
                if (feature.isCategorical()) {
                    record.put(feature.name(), cell);
                } else {
                    record.put(feature.name(), Long.parseLong(cell));
                }
            }
            records.add(record);
        }
        return records;
    }

    private static String problem(int status, String title, String detail) {
        ObjectNode problem = MAPPER.createObjectNode();
        problem.put("type", "urn:credit-explainer:problem:test");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return MAPPER.writeValueAsString(problem);
    }
}

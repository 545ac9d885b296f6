package com.example.credit.core.manifest;

import com.example.credit.core.calibration.ProbabilityCalibration;
import com.example.credit.core.metrics.ReliabilityBin;
import com.example.credit.core.schema.FeatureKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code model.json}. The written form is deterministic (fixed key order, sorted maps, no
 * timestamps), so the same training gives byte-identical manifests.
 */
public final class ModelManifestJson {

    /** The manifest's file name in a model directory. */
    public static final String FILE_NAME = "model.json";

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelManifestJson() {}

    /** The manifest as JSON text, ending in a newline. */
    public static String write(ModelManifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", manifest.formatVersion());
        root.put("model_file", manifest.modelFile());
        root.put("objective", manifest.objective());
        ArrayNode features = root.putArray("features");
        for (ManifestFeature feature : manifest.features()) {
            ObjectNode node = features.addObject();
            node.put("name", feature.name());
            node.put("index", feature.index());
            node.put("kind", feature.kind().name().toLowerCase(Locale.ROOT));
            ArrayNode categories = node.putArray("categories");
            feature.categories().forEach(categories::add);
        }
        root.put("label", manifest.label());
        root.set("hyperparameters", MAPPER.valueToTree(manifest.hyperparameters()));
        ObjectNode metrics = root.putObject("metrics");
        manifest.metrics().forEach(metrics::put);
        ObjectNode data = root.putObject("training_data");
        data.put("rows_train", manifest.trainingData().rowsTrain());
        data.put("rows_test", manifest.trainingData().rowsTest());
        data.put("sha256", manifest.trainingData().sha256());
        // Only when there are any, so that a model without reference populations keeps the bytes it had before.
        if (!manifest.references().isEmpty()) {
            ArrayNode references = root.putArray("references");
            for (ReferenceSet reference : manifest.references()) {
                ObjectNode node = references.addObject();
                node.put("name", reference.name());
                node.put("file", reference.file());
                node.put("description", reference.description());
                node.put("rows", reference.rows());
                node.put("sha256", reference.sha256());
            }
        }
        root.put("lightgbm_version", manifest.lightgbmVersion());
        ObjectNode calibration = root.putObject("calibration");
        calibration.put("method", manifest.calibration().method());
        if (manifest.calibration() instanceof ProbabilityCalibration.Platt platt) {
            calibration.put("slope", platt.slope());
            calibration.put("intercept", platt.intercept());
        } else if (manifest.calibration() instanceof ProbabilityCalibration.Isotonic isotonic) {
            ArrayNode scores = calibration.putArray("scores");
            Arrays.stream(isotonic.scores()).forEach(scores::add);
            ArrayNode probabilities = calibration.putArray("probabilities");
            Arrays.stream(isotonic.probabilities()).forEach(probabilities::add);
        }
        ArrayNode reliability = root.putArray("reliability_test");
        for (ReliabilityBin bin : manifest.reliability()) {
            ObjectNode node = reliability.addObject();
            node.put("lower", bin.lower());
            node.put("upper", bin.upper());
            node.put("count", bin.count());
            if (bin.count() == 0) {
                node.putNull("mean_predicted");
                node.putNull("observed_rate");
            } else {
                node.put("mean_predicted", bin.meanPredicted());
                node.put("observed_rate", bin.observedRate());
            }
        }
        return MAPPER.writeValueAsString(root) + "\n";
    }

    /**
     * Reads a manifest.
     *
     * @throws ManifestException naming the missing or malformed field, or an unknown format version
     */
    public static ModelManifest read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ManifestException("model manifest is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!root.isObject()) {
            throw new ManifestException("model manifest must be a JSON object");
        }
        int version = requireInt(root, "format_version");
        if (version < 1 || version > ModelManifest.FORMAT_VERSION) {
            throw new ManifestException("unknown model manifest format " + version + ", this build reads up to "
                    + ModelManifest.FORMAT_VERSION);
        }
        List<ManifestFeature> features = new ArrayList<>();
        for (JsonNode node : requireArray(root, "features")) {
            String kind = requireText(node, "kind");
            List<String> categories = new ArrayList<>();
            node.path("categories").values().forEach(category -> categories.add(category.asString()));
            FeatureKind featureKind;
            try {
                featureKind = FeatureKind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ManifestException(
                        "feature kind '" + kind + "' in model manifest is not one of [categorical, numeric]", e);
            }
            features.add(
                    new ManifestFeature(requireText(node, "name"), requireInt(node, "index"), featureKind, categories));
        }
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        root.path("hyperparameters").properties().forEach(e -> hyperparameters.put(e.getKey(), plain(e.getValue())));
        Map<String, Double> metrics = new LinkedHashMap<>();
        root.path("metrics")
                .properties()
                .forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        JsonNode data = root.path("training_data");
        TrainingData trainingData = new TrainingData(
                data.path("rows_train").asLong(0), data.path("rows_test").asLong(0), requireText(data, "sha256"));
        List<ReliabilityBin> reliability = new ArrayList<>();
        for (JsonNode bin : root.path("reliability_test").values()) {
            long count = bin.path("count").asLong(0);
            reliability.add(new ReliabilityBin(
                    bin.path("lower").asDouble(),
                    bin.path("upper").asDouble(),
                    count,
                    count == 0 ? Double.NaN : bin.path("mean_predicted").asDouble(),
                    count == 0 ? Double.NaN : bin.path("observed_rate").asDouble()));
        }
        return new ModelManifest(
                version,
                requireText(root, "model_file"),
                requireText(root, "objective"),
                features,
                requireText(root, "label"),
                hyperparameters,
                metrics,
                trainingData,
                requireText(root, "lightgbm_version"),
                reliability,
                calibration(root.path("calibration")),
                references(root.path("references")));
    }

    private static List<ReferenceSet> references(JsonNode node) {
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ManifestException("model manifest field 'references' must be an array");
        }
        List<ReferenceSet> references = new ArrayList<>();
        for (JsonNode entry : node.values()) {
            references.add(new ReferenceSet(
                    requireText(entry, "name"),
                    requireText(entry, "file"),
                    requireText(entry, "description"),
                    requireInt(entry, "rows"),
                    requireText(entry, "sha256")));
        }
        return references;
    }

    private static ProbabilityCalibration calibration(JsonNode node) {
        String method = node.path("method").asString("none");
        try {
            return switch (method) {
                case "none" -> new ProbabilityCalibration.None();
                case "platt" ->
                    new ProbabilityCalibration.Platt(
                            node.path("slope").asDouble(Double.NaN),
                            node.path("intercept").asDouble(Double.NaN));
                case "isotonic" ->
                    new ProbabilityCalibration.Isotonic(
                            node.path("scores").values().stream()
                                    .mapToDouble(JsonNode::asDouble)
                                    .toArray(),
                            node.path("probabilities").values().stream()
                                    .mapToDouble(JsonNode::asDouble)
                                    .toArray());
                default ->
                    throw new ManifestException("calibration method '" + method
                            + "' in model manifest is not one of [none, platt, isotonic]");
            };
        } catch (IllegalArgumentException e) {
            throw new ManifestException("calibration of the model manifest is invalid: " + e.getMessage(), e);
        }
    }

    /** Reads {@code model.json} from a model directory. */
    public static ModelManifest read(Path modelDirectory) {
        Path file = modelDirectory.resolve(FILE_NAME);
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ManifestException("cannot read model manifest " + file + ": " + e.getMessage(), e);
        }
    }

    private static Object plain(JsonNode node) {
        if (node.isString()) {
            return node.asString();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.toString();
    }

    private static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new ManifestException("model manifest field '" + field + "' must be a non-empty string");
        }
        return value.asString();
    }

    private static int requireInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new ManifestException("model manifest field '" + field + "' must be an integer");
        }
        return value.asInt();
    }

    private static Iterable<JsonNode> requireArray(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new ManifestException("model manifest field '" + field + "' must be a non-empty array");
        }
        return value.values();
    }
}

package com.example.credit.batch.report;

import com.example.credit.batch.ReportException;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code .out} files of a batch run. Each line is either a joined record (the input object with a
 * {@code SageMakerOutput} key, from JoinSource=Input) or an explainer response with the {@code data} entity; both
 * carry the input's {@code row_id} and feature values next to {@code prediction} and {@code
 * explanation_shap_values}. Error lines are counted and left out.
 */
public final class BatchOutputReader {

    private final FeatureCatalog catalog;
    private final JsonMapper mapper;

    public BatchOutputReader(FeatureCatalog catalog, JsonMapper mapper) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Reads every {@code *.out} file below a folder (or the one file given), in path order.
     *
     * @throws ReportException naming file and line when a line lacks what the report needs
     */
    public BatchOutput read(Path location) {
        List<Path> files = outFiles(location);
        List<ScoredRecord> records = new ArrayList<>();
        long errors = 0;
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line; (line = reader.readLine()) != null; ) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = parse(line, file, number);
                    JsonNode output = node.has("SageMakerOutput") ? node.get("SageMakerOutput") : node;
                    if (output.has("error")) {
                        errors++;
                        continue;
                    }
                    JsonNode input = node.has("SageMakerOutput") ? node : node.path("data");
                    records.add(record(input, output, file, number));
                }
            } catch (IOException e) {
                throw new ReportException("cannot read batch output " + file + ": " + e.getMessage(), e);
            }
        }
        if (records.isEmpty()) {
            throw new ReportException("batch output " + location + " holds no explained record (" + errors
                    + " error line(s) in " + files.size() + " file(s))");
        }
        return new BatchOutput(records, errors, files.size());
    }

    private ScoredRecord record(JsonNode input, JsonNode output, Path file, int line) {
        String where = file.getFileName() + " line " + line;
        JsonNode rowId = input.get("row_id");
        if (rowId == null || !rowId.isString()) {
            throw new ReportException(where + " has no row_id: run the batch with JoinSource=Input (or the data"
                    + " entity) so that predictions join their labels");
        }
        JsonNode prediction = output.get("prediction");
        JsonNode explanation = output.get("explanation_shap_values");
        if (prediction == null || !prediction.isNumber() || explanation == null) {
            throw new ReportException(where + " lacks prediction or explanation_shap_values: ask the explainer for"
                    + " entities=prediction,explanation_shap_values,reasons");
        }
        JsonNode shap = explanation.path("shap_values");
        JsonNode view = explanation.path("probability_view");
        List<Double> shapValues = new ArrayList<>();
        List<Double> contributions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Feature feature : catalog.features()) {
            JsonNode phi = shap.get(feature.name());
            if (phi == null || !phi.isNumber()) {
                throw new ReportException(where + " has no SHAP value for " + feature.name());
            }
            shapValues.add(phi.asDouble());
            contributions.add(view.path("contributions").path(feature.name()).asDouble(0));
            JsonNode value = input.get(feature.name());
            values.add(value == null || value.isNull() ? null : value.isNumber() ? value.asDouble() : value.asString());
        }
        List<String> reasons = new ArrayList<>();
        output.path("reasons")
                .path("reasons")
                .values()
                .forEach(reason -> reasons.add(reason.path("text").asString("")));
        return new ScoredRecord(
                rowId.asString(),
                prediction.asDouble(),
                explanation.path("expected_value").asDouble(),
                shapValues,
                view.path("baseline").asDouble(Double.NaN),
                contributions,
                values,
                reasons);
    }

    private JsonNode parse(String line, Path file, int number) {
        try {
            JsonNode node = mapper.readTree(line);
            if (!node.isObject()) {
                throw new ReportException(file + " line " + number + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new ReportException(file + " line " + number + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<Path> outFiles(Path location) {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            throw new ReportException("batch output " + location + " is neither a file nor a folder");
        }
        try (Stream<Path> walk = Files.walk(location)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".out"))
                    .filter(path -> !location.relativize(path).toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ReportException("cannot list batch output " + location + ": " + e.getMessage(), e);
        }
    }
}

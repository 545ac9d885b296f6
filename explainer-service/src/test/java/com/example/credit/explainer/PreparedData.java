package com.example.credit.explainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads one split of the ETL's prepared layout (data_x/ and label_x/ JSON Lines parts, joined by row_id). */
final class PreparedData {

    /**
     * One prepared row.
     *
     * @param application the features (row_id removed), as the service receives them
     * @param defaulted the label
     */
    record Row(ObjectNode application, boolean defaulted) {}

    private PreparedData() {}

    static List<Row> read(Path root, String split) {
        Map<String, Boolean> labels = new HashMap<>();
        for (JsonNode label : lines(root.resolve("label_" + split))) {
            labels.put(
                    label.get("row_id").asString(), label.get("credit__default").asBoolean());
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode data : lines(root.resolve("data_" + split))) {
            ObjectNode application = (ObjectNode) data.deepCopy();
            String id = application.remove("row_id").asString();
            Boolean defaulted = labels.get(id);
            if (defaulted == null) {
                throw new IllegalStateException("row " + id + " of data_" + split + " has no label");
            }
            rows.add(new Row(application, defaulted));
        }
        return rows;
    }

    private static List<JsonNode> lines(Path folder) {
        try (Stream<Path> parts = Files.list(folder)) {
            List<JsonNode> nodes = new ArrayList<>();
            for (Path part : parts.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("_")
                            && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        nodes.add(JsonMapper.shared().readTree(line));
                    }
                }
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prepared data in " + folder, e);
        }
    }
}

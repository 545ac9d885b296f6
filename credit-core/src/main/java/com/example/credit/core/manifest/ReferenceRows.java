package com.example.credit.core.manifest;

import com.example.credit.core.schema.FeatureKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The file format of a reference population ({@link ReferenceSet}): JSON Lines, one row a line, each row an object
 * of the model's features by name in model order with the value the model sees (the category's code for a
 * categorical feature, the number itself for a numeric one; {@code null} for a missing value). Model space only: no
 * row id, no label, nothing that is not a model feature. The written form is deterministic: the same rows give the
 * same bytes (whole numbers without a fraction, others as Java's shortest round-trip decimal).
 */
public final class ReferenceRows {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    // Whole numbers below this magnitude are written without a fraction: every such long is a double exactly.
    private static final double EXACT_LONG = 0x1p53;

    private ReferenceRows() {}

    /**
     * The file content of rows in model order ({@code NaN} for missing).
     *
     * @throws ManifestException when a row does not fit the features (length, category codes, infinities)
     */
    public static byte[] write(List<ManifestFeature> features, double[][] rows) {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row.length != features.size()) {
                throw new ManifestException("reference row " + r + " has " + row.length + " values, the model "
                        + features.size() + " features");
            }
            ObjectNode node = MAPPER.createObjectNode();
            for (ManifestFeature feature : features) {
                double value = row[feature.index()];
                requireValid(feature, value, "reference row " + r);
                if (Double.isNaN(value)) {
                    node.putNull(feature.name());
                } else if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG) {
                    node.put(feature.name(), (long) value);
                } else {
                    node.put(feature.name(), value);
                }
            }
            text.append(MAPPER.writeValueAsString(node)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads the rows of a reference set's file, dense in model order ({@code NaN} for missing), after checking the
     * file against its manifest entry: the same SHA-256, the same number of rows, and in every row exactly the
     * model's features with values the model can see.
     *
     * @param set the manifest's entry for the file
     * @param content the file's bytes
     * @param features the model's features ({@link ModelManifest#features()})
     * @throws ManifestException naming the file, the line, the feature and the rule
     */
    public static double[][] read(ReferenceSet set, byte[] content, List<ManifestFeature> features) {
        String digest = ReferenceSet.sha256(content);
        if (!digest.equals(set.sha256())) {
            throw new ManifestException("reference file " + set.file() + " has SHA-256 " + digest + ", model.json"
                    + " lists " + set.sha256() + " for reference set " + set.name()
                    + ": the file changed after training");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            rows.add(row(set, i + 1, lines[i], features));
        }
        if (rows.size() != set.rows()) {
            throw new ManifestException("reference file " + set.file() + " has " + rows.size() + " rows, model.json"
                    + " lists " + set.rows() + " for reference set " + set.name());
        }
        return rows.toArray(new double[0][]);
    }

    private static double[] row(ReferenceSet set, int line, String text, List<ManifestFeature> features) {
        String where = "reference file " + set.file() + " line " + line;
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new ManifestException(where + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new ManifestException(where + " is not a JSON object of the model's features");
        }
        if (node.size() != features.size()) {
            throw new ManifestException(where + " has " + node.size() + " fields, a row holds exactly the model's "
                    + features.size() + " features");
        }
        double[] row = new double[features.size()];
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        for (ManifestFeature feature : features) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals(feature.name())) {
                throw new ManifestException(where + " has the field " + field.getKey() + " at position "
                        + feature.index() + ", where the model's feature " + feature.name() + " belongs");
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                row[feature.index()] = Double.NaN;
            } else if (value.isNumber()) {
                row[feature.index()] = value.asDouble();
                requireValid(feature, row[feature.index()], where);
            } else {
                throw new ManifestException(where + ": feature " + feature.name() + " has the value " + value
                        + ", it must be a number or null");
            }
        }
        return row;
    }

    private static void requireValid(ManifestFeature feature, double value, String where) {
        if (Double.isNaN(value)) {
            return;
        }
        if (Double.isInfinite(value)) {
            throw new ManifestException(
                    where + ": feature " + feature.name() + " is " + value + ", it must be finite or missing");
        }
        if (feature.kind() == FeatureKind.CATEGORICAL
                && (value != Math.rint(value)
                        || value < 0
                        || value >= feature.categories().size())) {
            throw new ManifestException(where + ": feature " + feature.name() + " has the code " + value
                    + ", it must be a whole number in [0, "
                    + (feature.categories().size() - 1)
                    + "] (a category's position) or missing");
        }
    }
}

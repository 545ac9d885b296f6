package com.example.credit.training.data;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.ApplicationValidator;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.schema.InvalidApplicationException;
import com.example.credit.core.schema.Violation;
import com.example.credit.training.TrainingException;
import com.example.credit.training.TrainingException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Loads one split (train or test) of the prepared data: validates every data row against the data schema and
 * every label row against the label schema, encodes the features and joins data and labels by row id.
 */
public final class SplitLoader {

    private final ChannelLayout layout;
    private final FeatureCatalog catalog;
    private final ApplicationValidator dataValidator;
    private final ApplicationValidator labelValidator;
    private final FeatureEncoder encoder;

    /** A loader for the channels of {@code layout}, validating against the schemas of {@code catalog}. */
    public SplitLoader(ChannelLayout layout, FeatureCatalog catalog) {
        this.layout = layout;
        this.catalog = catalog;
        this.dataValidator = ApplicationValidator.forApplications(catalog);
        this.labelValidator = ApplicationValidator.forLabels(catalog);
        this.encoder = new FeatureEncoder(catalog);
    }

    /**
     * Loads the rows of a data channel joined with the labels of a label channel.
     *
     * @throws TrainingException (reason CHANNEL_DATA) for malformed JSON, a schema violation, a missing or
     *     repeated row id, or data and labels that do not carry the same row ids
     */
    public LabelledRows load(Channel dataChannel, Channel labelChannel) {
        Map<String, double[]> data = readData(dataChannel, layout.partFiles(dataChannel));
        Map<String, Boolean> labels = readLabels(labelChannel, layout.partFiles(labelChannel));
        if (data.isEmpty()) {
            throw new TrainingException(Reason.CHANNEL_DATA, "channel " + dataChannel + " holds no rows");
        }
        requireSameIds(dataChannel, data, labelChannel, labels);
        int columns = catalog.size();
        List<String> ids = new ArrayList<>(data.keySet());
        double[] matrix = new double[ids.size() * columns];
        boolean[] outcomes = new boolean[ids.size()];
        for (int row = 0; row < ids.size(); row++) {
            System.arraycopy(data.get(ids.get(row)), 0, matrix, row * columns, columns);
            outcomes[row] = labels.get(ids.get(row));
        }
        return new LabelledRows(ids, matrix, outcomes, columns);
    }

    /**
     * The rows with their split groups from an optional groups channel ({@code row_id}, {@code group} lines, as
     * the ETL writes {@code groups_train}); unchanged, each row its own group, when the channel is absent.
     *
     * @throws TrainingException (reason CHANNEL_DATA) when a line is malformed, a group is missing or empty, or
     *     the channel's row ids differ from the rows'
     */
    public LabelledRows withGroups(LabelledRows rows, Channel groupsChannel) {
        if (!Files.isDirectory(layout.root().resolve(groupsChannel.folder()))) {
            return rows;
        }
        Map<String, String> groups = new HashMap<>();
        JsonLines.forEach(groupsChannel.folder(), layout.partFiles(groupsChannel), (row, where) -> {
            String id = rowId(row, where);
            JsonNode group = row.get("group");
            if (group == null || !group.isString() || group.asString().isBlank()) {
                throw new TrainingException(
                        Reason.CHANNEL_DATA,
                        where + " (row_id " + id + "): group is required, a non-empty string, found " + group);
            }
            if (groups.put(id, group.asString()) != null) {
                throw new TrainingException(
                        Reason.CHANNEL_DATA, where + ": row_id " + id + " appears more than once in " + groupsChannel);
            }
        });
        TreeSet<String> missing = new TreeSet<>(rows.rowIds());
        missing.removeAll(groups.keySet());
        TreeSet<String> extra = new TreeSet<>(groups.keySet());
        rows.rowIds().forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA,
                    "row id mismatch: " + groupsChannel + " has " + missing.size() + " training row(s) without a group"
                            + (missing.isEmpty() ? "" : " (for example row_id " + missing.first() + ")") + " and "
                            + extra.size() + " group(s) of unknown rows"
                            + (extra.isEmpty() ? "" : " (for example row_id " + extra.first() + ")"));
        }
        return rows.withGroups(rows.rowIds().stream().map(groups::get).toList());
    }

    /**
     * Each row's protected attributes from an optional protected channel ({@code row_id} and the attributes, as the
     * ETL writes {@code protected_train}), as text (numbers in their JSON spelling); empty when the channel is absent.
     * Used for the bias report only: never features, never written into the model.
     *
     * @throws TrainingException (reason CHANNEL_DATA) when a line is malformed, a row id repeats, or the channel's row
     *     ids differ from the rows'
     */
    public Optional<Map<String, Map<String, String>>> protectedValues(LabelledRows rows, Channel protectedChannel) {
        if (!Files.isDirectory(layout.root().resolve(protectedChannel.folder()))) {
            return Optional.empty();
        }
        Map<String, Map<String, String>> values = new HashMap<>();
        JsonLines.forEach(protectedChannel.folder(), layout.partFiles(protectedChannel), (row, where) -> {
            String id = rowId(row, where);
            Map<String, String> attributes = new TreeMap<>();
            row.properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                if (!entry.getKey().equals(FeatureCatalog.ROW_ID) && !value.isNull()) {
                    attributes.put(
                            entry.getKey(),
                            value.isNumber() ? value.numberValue().toString() : value.asString());
                }
            });
            if (values.put(id, attributes) != null) {
                throw new TrainingException(
                        Reason.CHANNEL_DATA,
                        where + ": row_id " + id + " appears more than once in " + protectedChannel);
            }
        });
        TreeSet<String> missing = new TreeSet<>(rows.rowIds());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA,
                    "row id mismatch: " + protectedChannel + " has no protected attributes for " + missing.size()
                            + " training row(s) (for example row_id " + missing.first() + ")");
        }
        return Optional.of(values);
    }

    /**
     * One field of a data channel's rows as text, by row id (the group variable of the bias report, for example
     * {@code credit__purpose}).
     *
     * @throws TrainingException (reason CHANNEL_DATA) when a row lacks the field
     */
    public Map<String, String> field(Channel dataChannel, String field) {
        Map<String, String> values = new HashMap<>();
        JsonLines.forEach(dataChannel.folder(), layout.partFiles(dataChannel), (row, where) -> {
            JsonNode value = row.get(field);
            if (value == null || value.isNull()) {
                throw new TrainingException(
                        Reason.CHANNEL_DATA,
                        where + ": " + field + " is required by the bias report's group variable, found nothing");
            }
            values.put(rowId(row, where), value.isNumber() ? value.numberValue().toString() : value.asString());
        });
        return values;
    }

    private Map<String, double[]> readData(Channel channel, List<Path> files) {
        // Sorted by row id: the model must not depend on the ETL's partitioning.
        Map<String, double[]> rows = new TreeMap<>();
        JsonLines.forEach(channel.folder(), files, (row, where) -> {
            String id = rowId(row, where);
            requireValid(dataValidator, row, where, id);
            double[] encoded;
            try {
                encoded = encoder.encode(row);
            } catch (InvalidApplicationException e) {
                throw new TrainingException(Reason.CHANNEL_DATA, where + " (row_id " + id + "): " + e.getMessage(), e);
            }
            if (rows.put(id, encoded) != null) {
                throw new TrainingException(
                        Reason.CHANNEL_DATA, where + ": row_id " + id + " appears more than once in " + channel);
            }
        });
        return rows;
    }

    private Map<String, Boolean> readLabels(Channel channel, List<Path> files) {
        Map<String, Boolean> labels = new HashMap<>();
        JsonLines.forEach(channel.folder(), files, (row, where) -> {
            String id = rowId(row, where);
            requireValid(labelValidator, row, where, id);
            if (labels.put(id, row.get(FeatureCatalog.LABEL).asBoolean()) != null) {
                throw new TrainingException(
                        Reason.CHANNEL_DATA, where + ": row_id " + id + " appears more than once in " + channel);
            }
        });
        return labels;
    }

    private static String rowId(JsonNode row, String where) {
        JsonNode id = row.get(FeatureCatalog.ROW_ID);
        if (id == null || !id.isString() || id.asString().isBlank()) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA,
                    where + ": " + FeatureCatalog.ROW_ID + " is required, a non-empty"
                            + " string (rule: required), found " + id);
        }
        return id.asString();
    }

    private static void requireValid(ApplicationValidator validator, JsonNode row, String where, String id) {
        List<Violation> violations = validator.validate(row);
        if (!violations.isEmpty()) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA,
                    where + " (row_id " + id + ") breaks the schema: "
                            + violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        }
    }

    private static void requireSameIds(
            Channel dataChannel, Map<String, double[]> data, Channel labelChannel, Map<String, Boolean> labels) {
        TreeSet<String> unlabelled = new TreeSet<>(data.keySet());
        unlabelled.removeAll(labels.keySet());
        TreeSet<String> orphaned = new TreeSet<>(labels.keySet());
        orphaned.removeAll(data.keySet());
        List<String> problems = new ArrayList<>();
        if (!unlabelled.isEmpty()) {
            problems.add(unlabelled.size() + " row(s) of " + dataChannel + " have no label in " + labelChannel
                    + " (for example row_id " + unlabelled.first() + ")");
        }
        if (!orphaned.isEmpty()) {
            problems.add(orphaned.size() + " label(s) of " + labelChannel + " have no data row in " + dataChannel
                    + " (for example row_id " + orphaned.first() + ")");
        }
        if (!problems.isEmpty()) {
            throw new TrainingException(
                    Reason.CHANNEL_DATA,
                    "row id mismatch: " + String.join("; ", problems) + "; data and labels join by row_id");
        }
    }
}

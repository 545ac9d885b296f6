package com.example.credit.batch.report;

import com.example.credit.batch.ReportException;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.StoredFile;
import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a label folder of the ETL ({@code label_test}: JSON Lines part files of {@code {"row_id", "credit__default"}}),
 * skipping Spark's {@code _SUCCESS} and {@code .crc} files.
 */
public final class LabelReader {

    private LabelReader() {}

    /**
     * The labels by row id.
     *
     * @throws ReportException naming file and line for a malformed or repeated label
     */
    public static Map<String, Boolean> read(Path location, JsonMapper mapper) {
        Map<String, Boolean> labels = new HashMap<>();
        for (Path file : files(location)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                read(reader, file.getFileName().toString(), labels, mapper);
            } catch (IOException e) {
                throw new ReportException("cannot read labels " + file + ": " + e.getMessage(), e);
            }
        }
        return labels;
    }

    /**
     * The labels by row id, wherever they are stored (a file, or a folder of part files; on S3 streamed object by
     * object).
     *
     * @throws ReportException naming file and line for a malformed or repeated label, or labels that are missing
     */
    public static Map<String, Boolean> read(RunStorage storage, Location location, JsonMapper mapper) {
        if (location instanceof Location.Local local) {
            return read(local.path(), mapper);
        }
        List<StoredFile> files = storage.dataFiles(location)
                .orElseThrow(() -> new ReportException("labels " + location + " are neither a file nor a folder"
                        + storage.whyMissing(location).map(why -> ": " + why).orElse("")));
        Map<String, Boolean> labels = new HashMap<>();
        for (StoredFile file : files) {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(storage.open(file.location()), StandardCharsets.UTF_8))) {
                read(reader, file.location().name(), labels, mapper);
            } catch (IOException e) {
                throw new ReportException("cannot read labels " + file.location() + ": " + e.getMessage(), e);
            }
        }
        return labels;
    }

    private static void read(BufferedReader reader, String name, Map<String, Boolean> labels, JsonMapper mapper)
            throws IOException {
        int number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String where = name + " line " + number;
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (JacksonException e) {
                throw new ReportException(where + " is not JSON: " + e.getOriginalMessage(), e);
            }
            JsonNode id = node.get(FeatureCatalog.ROW_ID);
            JsonNode label = node.get(FeatureCatalog.LABEL);
            if (id == null || !id.isString() || label == null || !label.isBoolean()) {
                throw new ReportException(where + " must hold a string row_id and a boolean " + FeatureCatalog.LABEL);
            }
            if (labels.put(id.asString(), label.asBoolean()) != null) {
                throw new ReportException(where + ": row_id " + id.asString() + " is labelled twice");
            }
        }
    }

    private static List<Path> files(Path location) {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            throw new ReportException("labels " + location + " are neither a file nor a folder");
        }
        try (Stream<Path> walk = Files.walk(location)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> PreparedLayout.isDataFile(path.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ReportException("cannot list labels " + location + ": " + e.getMessage(), e);
        }
    }
}

package com.example.credit.testsupport.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last step of {@code regenerate-golden.sh}: once the script has put training-service's model directory and
 * the fixture's held-out split into the bundle folder, writes LightGBM's answers for the held-out rows
 * ({@link GoldenBundle#LIGHTGBM_FILE}) and the index with every file's SHA-256 ({@link GoldenBundle#INDEX_FILE}).
 * Reads the folder itself, not the class path, so that it sees the files just copied.
 */
final class GoldenBundleWriter {

    private GoldenBundleWriter() {}

    /** {@code args[0]}: the bundle folder, {@code src/main/resources/com/example/credit/testsupport/golden}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GoldenBundleWriter <bundle folder>");
        }
        Path bundle = Path.of(args[0]);
        List<ObjectNode> applications = new ArrayList<>();
        List<String> rowIds = new ArrayList<>();
        for (String line : Files.readAllLines(bundle.resolve(GoldenBundle.DATA_TEST_FILE))) {
            if (!line.isBlank()) {
                ObjectNode application = (ObjectNode) JsonMapper.shared().readTree(line);
                rowIds.add(application.remove("row_id").asString());
                applications.add(application);
            }
        }
        LightGbmReference reference = LightGbmReference.compute(
                Files.readString(bundle.resolve("model/model.json")),
                Files.readString(bundle.resolve("model/model.txt")),
                applications);
        Files.writeString(bundle.resolve(GoldenBundle.LIGHTGBM_FILE), csv(rowIds, reference), StandardCharsets.UTF_8);
        Files.writeString(bundle.resolve(GoldenBundle.INDEX_FILE), index(bundle), StandardCharsets.UTF_8);
        System.out.println(
                "golden bundle: " + rowIds.size() + " rows, LightGBM reference and index written to " + bundle);
    }

    /** Full precision: {@link Double#toString(double)} reads back as the very same double. */
    static String csv(List<String> rowIds, LightGbmReference reference) {
        StringBuilder csv = new StringBuilder("row_id,prediction,");
        csv.append(String.join(",", reference.featureNames())).append(",bias\n");
        for (int r = 0; r < rowIds.size(); r++) {
            csv.append(rowIds.get(r)).append(',').append(reference.predictions()[r]);
            for (double value : reference.contributions()[r]) {
                csv.append(',').append(value);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String index(Path bundle) throws IOException {
        ObjectNode index = JsonMapper.shared().createObjectNode();
        index.put("format_version", GoldenBundle.FORMAT_VERSION);
        index.put("made_by", "credit-test-support/regenerate-golden.sh");
        index.put(
                "prepared_data",
                "training-service/src/test/resources/fixtures/statlog: the ETL's output for the Statlog data,"
                        + " seed 42 (800 training, 200 held-out rows)");
        index.put(
                "model",
                "training-service's TrainCommand --data <prepared data> --model-dir <dir>: default hyperparameters,"
                        + " seed 42");
        index.put(
                "lightgbm_reference",
                "LightGBM4j on model/model.txt, num_threads=1: C_API_PREDICT_NORMAL, then C_API_PREDICT_CONTRIB"
                        + " (features in model order, bias last)");
        ObjectNode files = index.putObject("files");
        try (Stream<Path> paths = Files.walk(bundle)) {
            for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = bundle.relativize(file).toString().replace('\\', '/');
                if (!name.equals(GoldenBundle.INDEX_FILE) && !name.equals("README.md")) {
                    files.put(name, GoldenBundle.sha256(Files.readAllBytes(file)));
                }
            }
        }
        return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n";
    }
}

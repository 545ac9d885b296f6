package com.example.credit.testsupport.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The golden model bundle, read from this jar: the model directory that training-service's {@code TrainCommand}
 * writes for the Statlog fixture with the default hyperparameters (seed 42), the fixture's 200 held-out rows with
 * their labels, and LightGBM's own prediction and {@code pred_contrib} for each of them. Serving tests read it
 * instead of training a model, so a change to training cannot break them and no test run trains twice.
 *
 * <p>Every file is checked against its SHA-256 in {@code golden.json} when first read, and the bundle's format
 * version against {@link #FORMAT_VERSION}. The bundle and {@code regenerate-golden.sh}, which makes it, are
 * described in the README beside the files ({@code src/main/resources/com/example/credit/testsupport/golden/}).
 */
public final class GoldenBundle {

    /** The bundle format this build reads ({@code format_version} of {@code golden.json}). */
    public static final int FORMAT_VERSION = 1;

    /**
     * The files of the model directory, as training-service writes them: the model, its manifest, the two schemas and
     * the reference populations (model-space rows that interventional TreeSHAP explains against).
     */
    public static final List<String> MODEL_FILES = List.of(
            "model.txt", "model.json", "data.schema.json", "label.schema.json", "background.jsonl", "approved.jsonl");

    /** The index: format version, provenance and the SHA-256 of every other file. */
    public static final String INDEX_FILE = "golden.json";

    /** The held-out data rows, one part in the ETL's prepared layout. */
    public static final String DATA_TEST_FILE = "data_test/part-00000.json";

    /** The held-out labels, one part in the ETL's prepared layout. */
    public static final String LABEL_TEST_FILE = "label_test/part-00000.json";

    /**
     * LightGBM's answers for the held-out rows, in their order: {@code row_id}, {@code prediction}
     * ({@code C_API_PREDICT_NORMAL}), then {@code C_API_PREDICT_CONTRIB}: one column per feature in model order and
     * the bias last.
     */
    public static final String LIGHTGBM_FILE = "lightgbm-reference.csv";

    private static final String RESOURCES = "/com/example/credit/testsupport/golden/";
    private static final String REGENERATE = "regenerate it with credit-test-support/regenerate-golden.sh";
    private static final Path EXTRACTED = Path.of("target", "golden-bundle");

    private static Map<String, String> digests;
    private static Path modelDir;
    private static List<GoldenRow> rows;
    private static Reference reference;

    private GoldenBundle() {}

    /** LightGBM's answers, parsed once. */
    private record Reference(List<String> featureNames, double[] predictions, double[][] contributions) {}

    /**
     * The model directory ({@link #MODEL_FILES}), extracted on first use into
     * {@code target/golden-bundle/<version>/model} under the working directory (the module's folder in Maven's
     * tests). Shared by every test of the run: copy it before changing anything in it.
     *
     * @throws IllegalStateException when an extracted file no longer matches the bundle
     */
    public static synchronized Path modelDir() {
        if (modelDir == null) {
            modelDir = extractModel();
        }
        return modelDir;
    }

    /** The LightGBM text model ({@code model.txt}). */
    public static String modelText() {
        return new String(bytes("model/model.txt"), StandardCharsets.UTF_8);
    }

    /**
     * The bytes of a bundle file, checked against its digest.
     *
     * @param file the path inside the bundle, for example {@code model/model.json}
     * @throws IllegalArgumentException for a file the bundle does not list
     * @throws IllegalStateException when the file does not match its digest
     */
    public static byte[] bytes(String file) {
        String expected = digests().get(file);
        if (expected == null) {
            throw new IllegalArgumentException("the golden bundle has no file " + file + "; it has "
                    + digests().keySet());
        }
        byte[] content = resource(file);
        String actual = sha256(content);
        if (!actual.equals(expected)) {
            throw new IllegalStateException("golden bundle file " + file + " has SHA-256 " + actual + ", " + INDEX_FILE
                    + " says " + expected + ": the bundle was edited by hand; " + REGENERATE);
        }
        return content;
    }

    /** The files of the bundle (paths inside it) with their SHA-256, as {@code golden.json} lists them. */
    public static Map<String, String> digests() {
        synchronized (GoldenBundle.class) {
            if (digests == null) {
                digests = readIndex();
            }
            return digests;
        }
    }

    /** The 200 held-out rows of the Statlog fixture, in the order of its data_test part. */
    public static synchronized List<GoldenRow> testRows() {
        if (rows == null) {
            rows = readRows();
        }
        return rows;
    }

    /** The held-out applications as a client sends them (without {@code row_id}), new nodes on every call. */
    public static List<ObjectNode> testApplications() {
        return testRows().stream().map(GoldenRow::application).toList();
    }

    /** The features in model order: the columns of {@link #lightGbmContributions()} before the bias. */
    public static List<String> featureNames() {
        return reference().featureNames();
    }

    /** LightGBM's predicted probability of default of every held-out row, in {@link #testRows()} order. */
    public static double[] lightGbmPredictions() {
        return reference().predictions().clone();
    }

    /**
     * LightGBM's {@code pred_contrib} of every held-out row, in {@link #testRows()} order: one value per feature in
     * model order ({@link #featureNames()}), then the bias (the expected value); they add up to the raw score.
     */
    public static double[][] lightGbmContributions() {
        double[][] contributions = reference().contributions();
        double[][] copy = new double[contributions.length][];
        for (int r = 0; r < contributions.length; r++) {
            copy[r] = contributions[r].clone();
        }
        return copy;
    }

    private static synchronized Reference reference() {
        if (reference == null) {
            reference = readReference();
        }
        return reference;
    }

    private static Map<String, String> readIndex() {
        JsonNode index = JsonMapper.shared().readTree(resource(INDEX_FILE));
        int format = index.path("format_version").asInt(-1);
        if (format < 1 || format > FORMAT_VERSION) {
            throw new IllegalStateException("unknown golden bundle format " + format + ", this build reads up to "
                    + FORMAT_VERSION + "; " + REGENERATE);
        }
        Map<String, String> files = new LinkedHashMap<>();
        index.path("files")
                .properties()
                .forEach(entry -> files.put(entry.getKey(), entry.getValue().asString()));
        for (String required : List.of(DATA_TEST_FILE, LABEL_TEST_FILE, LIGHTGBM_FILE)) {
            requireListed(files, required);
        }
        MODEL_FILES.forEach(file -> requireListed(files, "model/" + file));
        return Collections.unmodifiableMap(files);
    }

    private static void requireListed(Map<String, String> files, String file) {
        if (!files.containsKey(file)) {
            throw new IllegalStateException(INDEX_FILE + " does not list " + file + "; " + REGENERATE);
        }
    }

    private static List<GoldenRow> readRows() {
        Map<String, Boolean> labels = new LinkedHashMap<>();
        for (String line : lines(LABEL_TEST_FILE)) {
            JsonNode label = JsonMapper.shared().readTree(line);
            labels.put(
                    label.path("row_id").asString(),
                    label.path("credit__default").asBoolean());
        }
        List<GoldenRow> result = new ArrayList<>();
        for (String line : lines(DATA_TEST_FILE)) {
            String id = JsonMapper.shared().readTree(line).path("row_id").asString();
            Boolean defaulted = labels.remove(id);
            if (defaulted == null) {
                throw new IllegalStateException("golden row " + id + " has no label in " + LABEL_TEST_FILE);
            }
            result.add(new GoldenRow(id, line, defaulted));
        }
        if (!labels.isEmpty()) {
            throw new IllegalStateException(
                    LABEL_TEST_FILE + " labels rows that " + DATA_TEST_FILE + " lacks: " + labels.keySet());
        }
        return List.copyOf(result);
    }

    private static Reference readReference() {
        List<String> lines = lines(LIGHTGBM_FILE);
        List<String> header = List.of(lines.get(0).split(","));
        int columns = header.size();
        if (columns < 4
                || !header.get(0).equals("row_id")
                || !header.get(1).equals("prediction")
                || !header.get(columns - 1).equals("bias")) {
            throw new IllegalStateException(LIGHTGBM_FILE + " has header " + header
                    + ", expected row_id,prediction,<features in model order>,bias");
        }
        List<GoldenRow> testRows = testRows();
        if (lines.size() - 1 != testRows.size()) {
            throw new IllegalStateException(LIGHTGBM_FILE + " has " + (lines.size() - 1) + " rows, the bundle "
                    + testRows.size() + " held-out rows; " + REGENERATE);
        }
        double[] predictions = new double[testRows.size()];
        double[][] contributions = new double[testRows.size()][];
        for (int r = 0; r < testRows.size(); r++) {
            String[] cells = lines.get(r + 1).split(",");
            if (cells.length != columns || !cells[0].equals(testRows.get(r).rowId())) {
                throw new IllegalStateException(LIGHTGBM_FILE + " line " + (r + 2) + " does not hold the " + columns
                        + " values of row " + testRows.get(r).rowId() + "; " + REGENERATE);
            }
            predictions[r] = Double.parseDouble(cells[1]);
            contributions[r] = Arrays.stream(cells, 2, columns)
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        }
        return new Reference(header.subList(2, columns - 1), predictions, contributions);
    }

    private static List<String> lines(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
    }

    private static Path extractModel() {
        MessageDigest version = newDigest();
        MODEL_FILES.forEach(
                file -> version.update(digests().get("model/" + file).getBytes(StandardCharsets.UTF_8)));
        Path target = EXTRACTED
                .resolve(HexFormat.of().formatHex(version.digest()).substring(0, 12))
                .resolve("model")
                .toAbsolutePath();
        try {
            if (!Files.isDirectory(target)) {
                Files.createDirectories(target.getParent());
                // Not createTempDirectory: its owner-only mode would keep the explainer image's user out of the mount.
                Path staging = Files.createDirectory(
                        target.resolveSibling("model-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
                for (String file : MODEL_FILES) {
                    Files.write(staging.resolve(file), bytes("model/" + file));
                }
                try {
                    // Whole or not at all, also when another test JVM extracts the same bundle at the same time.
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    deleteTree(staging);
                }
            }
            for (String file : MODEL_FILES) {
                Path extracted = target.resolve(file);
                if (!Files.isRegularFile(extracted)
                        || !sha256(Files.readAllBytes(extracted))
                                .equals(digests().get("model/" + file))) {
                    throw new IllegalStateException(extracted + " differs from the golden bundle: a test changed the"
                            + " shared model directory (copy it first); delete " + target + " to extract it again");
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the golden model into " + target, e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = GoldenBundle.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the golden bundle lacks " + file + " (resource " + RESOURCES + file + "); " + REGENERATE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden bundle file " + file, e);
        }
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

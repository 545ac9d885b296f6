package com.example.credit.batch.runs;

import com.example.credit.batch.storage.FileSystemStorage;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.StoredFile;
import com.example.credit.core.dependence.FeatureDependence;
import com.example.credit.core.dependence.GlobalDependence;
import com.example.credit.core.dependence.ValueBin;
import com.example.credit.core.metrics.BinaryMetrics;
import com.example.credit.core.metrics.BinaryMetrics.RocPoint;
import com.example.credit.core.metrics.ReliabilityBin;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one-off index step of a run: reads every {@code .out} line once (with its byte offset), joins the labels,
 * and writes the columns and the summary ({@link RunColumns}): counts, the mean prediction, AUC and ROC, the
 * calibration of the labelled rows (Brier score, reliability table), the score histogram overall and by label, the
 * global importance (mean |φ|, mean φ, the share of applicants for whom the feature is a reason), and
 * per-feature sketches — value and φ quantiles of numeric features, value counts of categorical ones — and, when the
 * lines carry SHAP interaction values ({@code explanation_shap_interaction_values}), the matrix of mean |φ_ij| per
 * feature pair. With labels and protected attributes it also analyses the run's fairness ({@link RunFairness}: the
 * post-training bias metrics by facet, the explanations by group) into the summary's {@code fairness} block and the
 * files {@code bias-post.json} and {@code analysis.json} beside it. With the run's model it adds the global
 * explanations ({@code global}, credit-core's {@link GlobalDependence}): per feature, the exact mean φ by value bin
 * beside the model's exact partial dependence over the run's applicants, for whichever explanation method the lines
 * carry ({@code explanation}: the method and reference the lines name; a run mixing methods is refused). Quantiles come from a seeded uniform reservoir sample of at most {@value #SKETCH_SAMPLE} rows, so that
 * memory stays bounded for millions of rows; everything else is exact. The index is written to a temporary folder and
 * moved into place, so a reader never sees half an index.
 */
public final class RunIndexWriter {

    /**
     * Layout version of the index; a reader refuses a newer one. 2 added the interaction matrix ({@code interactions})
     * and the protected groups ({@code protected}, with their column); 3 added the calibration of the labelled rows
     * ({@code calibration}) and the mean prediction ({@code mean_prediction}); 4 added the fairness of the labelled
     * applicants with protected attributes ({@code fairness}, null with a {@code fairness_note} saying why when there is
     * none); 5 added the explanation method of the lines ({@code explanation}) and the global explanations
     * ({@code global}, null with a {@code global_note} when the run was indexed without its model). An older index
     * reads as one without what later versions added.
     */
    public static final int FORMAT_VERSION = 5;

    /** The batch output's field of SHAP interaction values (the explainer's entity of that name). */
    static final String INTERACTIONS_FIELD = "explanation_shap_interaction_values";

    static final int SKETCH_SAMPLE = 100_000;
    static final int QUANTILES = 101;
    static final int HISTOGRAM_BINS = 50;
    static final int ROC_POINTS = 200;
    /** Equal-width bins of the reliability diagram, as training's reliability table (credit-core). */
    static final int CALIBRATION_BINS = 10;

    static final long SEED = 42;

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final FeatureCatalog catalog;
    private final RunModel model;

    /** A writer of indexes without global explanations (no model: {@code global} is null, the note says why). */
    public RunIndexWriter(FeatureCatalog catalog) {
        this(catalog, null);
    }

    /**
     * A writer of indexes with the global explanations of this model (the one that explained the run).
     *
     * @param model the run's model, or null for none
     * @throws RunIndexException when the model's features are not the catalogue's, in its order
     */
    public RunIndexWriter(FeatureCatalog catalog, RunModel model) {
        this.catalog = catalog;
        this.model = model;
        if (catalog.features().size() > 64) {
            throw new RunIndexException("the index holds reasons as a 64-bit mask; "
                    + catalog.features().size() + " features are too many");
        }
        if (model != null && !model.model().featureNames().equals(catalog.names())) {
            throw new RunIndexException("the model's features " + model.model().featureNames()
                    + " are not the schema's " + catalog.names() + ": index the run with the model that explained it");
        }
    }

    /**
     * Indexes a run on the file system, into {@code <output>/.dashboard/}.
     *
     * @param output the batch output folder (its {@code .out} files, joined to their input: {@code row_id} and the
     *     features beside {@code SageMakerOutput})
     * @param labels the labels by row id (the ETL's {@code label_test}), empty when the run has none
     * @return the number of rows indexed
     */
    public long write(Path output, Map<String, Boolean> labels) {
        return write(output, labels, null);
    }

    /**
     * Indexes a run on the file system with its applicants' protected groups joined by row id: a column of group
     * codes for the filter, the groups with their counts in the summary, and with labels the run's fairness under
     * the default settings ({@link BiasSettings#DEFAULT}). Applicants without protected attributes are in no group
     * and left out of the fairness analysis; protected rows of other applicants are ignored.
     *
     * @param protectedGroups the protected groups ({@link ProtectedGroups#read}), or null when the run has none
     * @return the number of rows indexed
     */
    public long write(Path output, Map<String, Boolean> labels, ProtectedGroups protectedGroups) {
        return write(output, labels, protectedGroups, BiasSettings.DEFAULT);
    }

    /**
     * Indexes a run on the file system as {@link #write(Path, Map, ProtectedGroups)}, analysing its fairness with
     * these settings.
     *
     * @return the number of rows indexed
     */
    public long write(
            Path output, Map<String, Boolean> labels, ProtectedGroups protectedGroups, BiasSettings biasSettings) {
        return write(
                new FileSystemStorage(),
                Location.of(output),
                output.resolve(RunColumns.FOLDER),
                labels,
                protectedGroups,
                biasSettings);
    }

    /**
     * Indexes a run wherever its outputs are stored, as {@link #write(RunStorage, Location, Path, Map,
     * ProtectedGroups, BiasSettings)} with the default bias settings.
     *
     * @return the number of rows indexed
     */
    public long write(
            RunStorage storage,
            Location output,
            Path target,
            Map<String, Boolean> labels,
            ProtectedGroups protectedGroups) {
        return write(storage, output, target, labels, protectedGroups, BiasSettings.DEFAULT);
    }

    /**
     * Indexes a run wherever its outputs are stored, streaming each {@code .out} file once, into a local folder:
     * {@code <output>/.dashboard/} for a run on the file system, a cache folder for one on S3 ({@link StoredRuns}
     * uploads it beside the outputs).
     *
     * @param storage where the outputs are
     * @param output the batch output folder
     * @param target the local folder the index is written to (through {@code <target>.tmp}, moved into place)
     * @param labels the labels by row id, empty when the run has none
     * @param protectedGroups the protected groups, or null when the run has none
     * @param biasSettings the facets, group variable and approval threshold of the fairness analysis (done when the
     *     run has labels and protected groups)
     * @return the number of rows indexed
     */
    public long write(
            RunStorage storage,
            Location output,
            Path target,
            Map<String, Boolean> labels,
            ProtectedGroups protectedGroups,
            BiasSettings biasSettings) {
        java.util.Objects.requireNonNull(biasSettings, "biasSettings");
        List<StoredFile> files = outFiles(storage, output);
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            deleteTree(temp);
            Files.createDirectories(temp);
            BiasInputs bias =
                    protectedGroups == null ? null : new BiasInputs(biasSettings, protectedGroups, catalog.names());
            Accumulator accumulator = new Accumulator(
                    catalog.features(),
                    protectedGroups,
                    bias,
                    model == null ? null : GlobalDependence.of(model.model()));
            try (Columns columns = new Columns(temp, catalog.features().size(), protectedGroups != null)) {
                for (int file = 0; file < files.size(); file++) {
                    read(storage, files.get(file), file, labels, columns, accumulator);
                }
            }
            writeRowIdIndex(temp, accumulator);
            writeScoreOrder(temp, accumulator);
            Optional<RunFairness> fairness = bias == null ? Optional.empty() : bias.analyse();
            Files.writeString(temp.resolve(RunColumns.SUMMARY), summary(files, accumulator, fairness));
            if (fairness.isPresent()) {
                Files.writeString(
                        temp.resolve(RunColumns.BIAS_POST), fairness.get().biasPostJson());
                Files.writeString(
                        temp.resolve(RunColumns.CLARIFY_ANALYSIS),
                        fairness.get().clarifyAnalysisJson());
            }
            deleteTree(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return accumulator.rows;
        } catch (IOException e) {
            throw new RunIndexException("cannot write the index of " + output + ": " + e.getMessage(), e);
        }
    }

    private void read(
            RunStorage storage,
            StoredFile file,
            int fileIndex,
            Map<String, Boolean> labels,
            Columns columns,
            Accumulator sums)
            throws IOException {
        List<Feature> features = catalog.features();
        try (InputStream in = storage.open(file.location())) {
            // Lines are cut in a block buffer (bytes, not characters: the offsets are byte offsets); a line longer
            // than the buffer grows it.
            byte[] buffer = new byte[1 << 16];
            int start = 0;
            int end = 0;
            long bufferOffset = 0;
            int number = 0;
            boolean eof = false;
            while (true) {
                int newline = -1;
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                if (newline < 0 && !eof) {
                    // Keep the partial line at the front and read more behind it.
                    int partial = end - start;
                    if (partial == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    } else if (start > 0) {
                        System.arraycopy(buffer, start, buffer, 0, partial);
                    }
                    bufferOffset += start;
                    start = 0;
                    end = partial;
                    int read = in.read(buffer, end, buffer.length - end);
                    if (read < 0) {
                        eof = true;
                    } else {
                        end += read;
                    }
                    continue;
                }
                int lineEnd = newline < 0 ? end : newline;
                if (lineEnd > start) {
                    number++;
                    row(
                            buffer,
                            start,
                            lineEnd - start,
                            file.path() + " line " + number,
                            fileIndex,
                            bufferOffset + start,
                            labels,
                            columns,
                            sums,
                            features);
                }
                if (newline < 0) {
                    break;
                }
                start = newline + 1;
            }
        }
    }

    private void row(
            byte[] bytes,
            int from,
            int length,
            String where,
            int file,
            long offset,
            Map<String, Boolean> labels,
            Columns columns,
            Accumulator sums,
            List<Feature> features)
            throws IOException {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes, from, length);
        } catch (JacksonException e) {
            throw new RunIndexException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode out = node.has("SageMakerOutput") ? node.get("SageMakerOutput") : node;
        if (out.has("error")) {
            sums.errorLines++;
            return;
        }
        JsonNode input = node.has("SageMakerOutput") ? node : node.path("data");
        String rowId = input.path(FeatureCatalog.ROW_ID).asString(null);
        JsonNode prediction = out.get("prediction");
        JsonNode shap = out.path("explanation_shap_values").path("shap_values");
        if (rowId == null || prediction == null || !prediction.isNumber() || !shap.isObject()) {
            throw new RunIndexException(where + " lacks row_id, prediction or explanation_shap_values: index a run"
                    + " joined to its input (JoinSource=Input) with entities prediction,explanation_shap_values,"
                    + "reasons");
        }
        long id = RowIds.parse(rowId, where);
        Boolean label = labels.get(rowId);
        long reasons = 0;
        for (JsonNode reason : out.path("reasons").path("reasons")) {
            String name = reason.path("feature").asString("");
            if (catalog.contains(name)) {
                reasons |= 1L << catalog.feature(name).index();
            }
        }
        sums.basis(out.path("explanation_shap_values"), where);
        float[] phi = new float[features.size()];
        // The values as the line holds them, for the exact means of the fairness analysis and global explanations.
        double[] exactPhi = new double[features.size()];
        // The model's input vector (as the explainer encoded it): the values of the sketches before their rounding.
        double[] modelRow = new double[features.size()];
        float[] values = new float[features.size()];
        for (int i = 0; i < features.size(); i++) {
            Feature feature = features.get(i);
            JsonNode value = shap.get(feature.name());
            if (value == null || !value.isNumber()) {
                throw new RunIndexException(where + " has no SHAP value for " + feature.name());
            }
            phi[i] = (float) value.asDouble();
            exactPhi[i] = value.asDouble();
            JsonNode raw = input.get(feature.name());
            if (raw == null || raw.isNull()) {
                modelRow[i] = Double.NaN;
            } else if (feature.isCategorical()) {
                int code = feature.codeOf(raw.asString());
                modelRow[i] = code < 0 ? Double.NaN : code;
            } else {
                modelRow[i] = raw.asDouble();
            }
            values[i] = (float) modelRow[i];
        }
        columns.add(id, prediction.asDouble(), label, reasons, file, offset, phi, values);
        sums.add(id, prediction.asDouble(), label, reasons, phi, values);
        if (sums.protectedGroups != null) {
            columns.addGroups(sums.groups(id));
        }
        if (sums.bias != null) {
            sums.bias.add(id, prediction.asDouble(), label, input, exactPhi);
        }
        if (sums.dependence != null) {
            sums.dependence.add(modelRow, exactPhi);
        }
        JsonNode interactions = out.get(INTERACTIONS_FIELD);
        if (interactions != null && !interactions.isNull()) {
            addInteractions(interactions, where, sums);
        }
    }

    /**
     * Adds one line's |φ_ij| to the sums: {@code feature_names} and an n × n {@code values} matrix, in any feature
     * order (mapped by name to the schema's).
     */
    private void addInteractions(JsonNode node, String where, Accumulator sums) {
        int n = catalog.features().size();
        JsonNode names = node.path("feature_names");
        JsonNode matrix = node.path("values");
        if (!names.isArray() || names.size() != n || !matrix.isArray() || matrix.size() != n) {
            throw new RunIndexException(
                    where + ": " + INTERACTIONS_FIELD + " must hold feature_names and a values matrix of " + n + " x "
                            + n + ", one row and column per feature of the schema");
        }
        int[] index = new int[n];
        boolean[] seen = new boolean[n];
        for (int k = 0; k < n; k++) {
            String name = names.get(k).asString("");
            if (!catalog.contains(name) || seen[catalog.feature(name).index()]) {
                throw new RunIndexException(where + ": " + INTERACTIONS_FIELD + " names '" + name
                        + "', which is not a feature of the schema or is named twice");
            }
            index[k] = catalog.feature(name).index();
            seen[index[k]] = true;
        }
        double[][] sum = sums.interactions();
        for (int i = 0; i < n; i++) {
            JsonNode row = matrix.get(i);
            for (int j = 0; j < n; j++) {
                JsonNode value = row.get(j);
                if (value == null || !value.isNumber()) {
                    throw new RunIndexException(
                            where + ": " + INTERACTIONS_FIELD + " values[" + i + "][" + j + "] is not a number");
                }
                sum[index[i]][index[j]] += Math.abs(value.asDouble());
            }
        }
        sums.interactionRows++;
    }

    private static void writeRowIdIndex(Path folder, Accumulator sums) throws IOException {
        int rows = (int) sums.rows;
        long[] ids = Arrays.copyOf(sums.ids, rows);
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(ids[a], ids[b]));
        try (DataOutputStream idOut = output(folder.resolve(RunColumns.IDS));
                DataOutputStream rowOut = output(folder.resolve(RunColumns.ID_ROWS))) {
            long previous = 0;
            for (int i = 0; i < rows; i++) {
                long id = ids[order[i]];
                if (i > 0 && id == previous) {
                    throw new RunIndexException(
                            "row_id " + RowIds.format(id) + " occurs more than once in the run; row ids are unique");
                }
                idOut.writeLong(id);
                rowOut.writeInt(order[i]);
                previous = id;
            }
        }
    }

    /** The rows by descending score, ties by row: pages by score need no sort at query time. */
    private static void writeScoreOrder(Path folder, Accumulator sums) throws IOException {
        int rows = (int) sums.rows;
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        double[] scores = sums.scores;
        Arrays.sort(
                order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        try (DataOutputStream out = output(folder.resolve(RunColumns.BY_SCORE))) {
            for (int row : order) {
                out.writeInt(row);
            }
        }
    }

    private String summary(List<StoredFile> files, Accumulator sums, Optional<RunFairness> fairness) {
        List<Feature> features = catalog.features();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("records", sums.rows);
        root.put("error_lines", sums.errorLines);
        root.put("labelled", sums.labelled);
        root.put("mean_prediction", sums.rows == 0 ? 0 : sums.scoreSum / sums.rows);
        ArrayNode fileList = root.putArray("files");
        for (StoredFile file : files) {
            fileList.addObject().put("path", file.path()).put("bytes", file.size());
        }
        double[] labelledScores = new double[(int) sums.labelled];
        boolean[] labelValues = new boolean[(int) sums.labelled];
        for (int i = 0, j = 0; i < sums.rows; i++) {
            if (sums.labels[i] >= 0) {
                labelledScores[j] = sums.scores[i];
                labelValues[j++] = sums.labels[i] == 1;
            }
        }
        boolean bothClasses = hasBoth(labelValues);
        if (bothClasses) {
            root.put("auc", BinaryMetrics.auc(labelledScores, labelValues));
            ArrayNode roc = root.putArray("roc");
            List<RocPoint> points = BinaryMetrics.roc(labelledScores, labelValues);
            int step = Math.max(1, points.size() / ROC_POINTS);
            for (int i = 0; i < points.size(); i += step) {
                roc.addArray()
                        .add(points.get(i).falsePositiveRate())
                        .add(points.get(i).truePositiveRate());
            }
            RocPoint last = points.get(points.size() - 1);
            roc.addArray().add(last.falsePositiveRate()).add(last.truePositiveRate());
        } else {
            root.putNull("auc");
            root.put("auc_note", "no AUC: the run needs labels of both classes");
        }
        calibration(root, labelledScores, labelValues);
        ObjectNode histogram = root.putObject("score_histogram");
        histogram.put("bins", HISTOGRAM_BINS);
        histogram.set("all", counts(sums.histogram[0]));
        histogram.set("default", counts(sums.histogram[1]));
        histogram.set("no_default", counts(sums.histogram[2]));
        ArrayNode importance = root.putArray("importance");
        Integer[] order = new Integer[features.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(sums.sumAbsPhi[b], sums.sumAbsPhi[a]));
        double rows = Math.max(1, sums.rows);
        for (int i : order) {
            importance
                    .addObject()
                    .put("feature", features.get(i).name())
                    .put("title", features.get(i).title())
                    .put("mean_abs_phi", sums.sumAbsPhi[i] / rows)
                    .put("mean_phi", sums.sumPhi[i] / rows)
                    .put("reason_share", sums.reasonCounts[i] / rows);
        }
        interactions(root, sums);
        explanation(root, sums);
        global(root, sums);
        protectedGroups(root, sums);
        fairness(root, sums, fairness);
        ObjectNode sketches = root.putObject("sketches");
        sketches.put("sample", sums.sampled());
        sketches.put("seed", SEED);
        ObjectNode byFeature = sketches.putObject("features");
        for (int i = 0; i < features.size(); i++) {
            Feature feature = features.get(i);
            ObjectNode sketch = byFeature.putObject(feature.name());
            sketch.set("phi_quantiles", quantiles(sums.samplePhi, i, sums.sampled()));
            if (feature.isCategorical()) {
                ObjectNode counts = sketch.putObject("value_counts");
                for (int code = 0; code < feature.categories().size(); code++) {
                    counts.put(feature.categories().get(code), sums.categoryCounts[i][code]);
                }
            } else {
                sketch.set("value_quantiles", quantiles(sums.sampleValues, i, sums.sampled()));
            }
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * The Brier score and the reliability table of the labelled rows, as training records them for its test set
     * (credit-core's {@link BinaryMetrics#brier} and {@link BinaryMetrics#reliability}, {@value #CALIBRATION_BINS}
     * equal-width bins, empty bins with null means); null when no row is labelled.
     */
    private static void calibration(ObjectNode root, double[] scores, boolean[] labels) {
        if (scores.length == 0) {
            root.putNull("calibration");
            return;
        }
        try {
            ObjectNode calibration = root.putObject("calibration");
            calibration.put("brier", BinaryMetrics.brier(scores, labels));
            ArrayNode bins = calibration.putArray("bins");
            for (ReliabilityBin bin : BinaryMetrics.reliability(scores, labels, CALIBRATION_BINS)) {
                ObjectNode node = bins.addObject()
                        .put("lower", bin.lower())
                        .put("upper", bin.upper())
                        .put("count", bin.count());
                if (bin.count() == 0) {
                    node.putNull("mean_predicted");
                    node.putNull("observed_rate");
                } else {
                    node.put("mean_predicted", bin.meanPredicted());
                    node.put("observed_rate", bin.observedRate());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new RunIndexException(
                    "a prediction of the run is no probability, so no calibration: " + e.getMessage(), e);
        }
    }

    /** The mean |φ_ij| over the rows that carry interaction values, in the schema's order; null when none do. */
    private void interactions(ObjectNode root, Accumulator sums) {
        if (sums.interactionRows == 0) {
            root.putNull("interactions");
            return;
        }
        ObjectNode interactions = root.putObject("interactions");
        interactions.put("rows", sums.interactionRows);
        ArrayNode names = interactions.putArray("features");
        catalog.names().forEach(names::add);
        ArrayNode matrix = interactions.putArray("mean_abs");
        for (double[] row : sums.sumAbsInteraction) {
            ArrayNode out = matrix.addArray();
            for (double sum : row) {
                out.add(sum / sums.interactionRows);
            }
        }
    }

    /**
     * What the lines' SHAP values explain: the method the explainer names ({@code path_dependent} or {@code
     * interventional}) and, for an interventional one, the reference population; a method of null with a note for
     * lines that name none (explained before the explainer named its methods: path-dependent).
     */
    private static void explanation(ObjectNode root, Accumulator sums) {
        ObjectNode node = root.putObject("explanation");
        if (sums.method == null) {
            node.putNull("method");
            node.put(
                    "note",
                    "the lines do not name their method (an explainer older than its explanation methods:"
                            + " path-dependent)");
        } else {
            node.put("method", sums.method);
        }
        if (sums.reference == null || sums.reference.isMissingNode() || sums.reference.isNull()) {
            node.putNull("reference");
        } else {
            node.set("reference", sums.reference);
        }
    }

    /**
     * The global explanations ({@link GlobalDependence}), features by descending mean |φ|, in the raw (log-odds)
     * space of the lines' SHAP values; null with a note when the run was indexed without its model or has no
     * explained applicant.
     */
    private void global(ObjectNode root, Accumulator sums) {
        if (sums.dependence == null || sums.dependence.rows() == 0) {
            root.putNull("global");
            root.put(
                    "global_note",
                    sums.dependence == null
                            ? "the run was indexed without its model (the model folder), which the partial dependence"
                                    + " needs"
                            : "the run has no explained applicant");
            return;
        }
        ObjectNode global = root.putObject("global");
        global.put("scale", "log-odds");
        global.put("rows", sums.dependence.rows());
        global.put("model_sha256", model.sha256());
        global.put(
                "method",
                "exact: mean SHAP value and the model's partial dependence over the run's applicants,"
                        + " by value bins cut at the model's thresholds");
        ArrayNode list = global.putArray("features");
        List<FeatureDependence> features = new ArrayList<>(sums.dependence.features());
        features.sort((a, b) -> Double.compare(b.meanAbsPhi(), a.meanAbsPhi()));
        for (FeatureDependence dependence : features) {
            Feature feature = catalog.features().get(dependence.feature());
            ObjectNode node = list.addObject();
            node.put("feature", feature.name());
            node.put("title", feature.title());
            node.put("categorical", feature.isCategorical());
            node.put("mean_abs_phi", dependence.meanAbsPhi());
            node.put("mean_phi", dependence.meanPhi());
            node.put("mean_partial_dependence", dependence.meanPartialDependence());
            ArrayNode bins = node.putArray("bins");
            for (ValueBin bin : dependence.bins()) {
                ObjectNode out = bins.addObject();
                out.put("kind", bin.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (bin.kind() == ValueBin.Kind.RANGE) {
                    putNullable(out, "above", bin.lower());
                    putNullable(out, "up_to", bin.upper());
                }
                if (bin.kind() == ValueBin.Kind.VALUE) {
                    int code = bin.value().intValue();
                    out.put(
                            "value",
                            feature.isCategorical()
                                            && code == bin.value()
                                            && code >= 0
                                            && code < feature.categories().size()
                                    ? feature.categories().get(code)
                                    : Double.toString(bin.value()));
                }
                if (bin.kind() == ValueBin.Kind.RANGE || bin.kind() == ValueBin.Kind.ZERO) {
                    out.put("min", bin.min());
                    out.put("max", bin.max());
                }
                out.put("rows", bin.rows());
                out.put("mean_phi", bin.meanPhi());
                out.put("partial_dependence", bin.partialDependence());
            }
        }
    }

    private static void putNullable(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.doubleValue());
        }
    }

    /** Each protected attribute's groups with their counts, and how many applicants are in none; null without. */
    private static void protectedGroups(ObjectNode root, Accumulator sums) {
        if (sums.protectedGroups == null) {
            root.putNull("protected");
            return;
        }
        ObjectNode node = root.putObject("protected");
        node.put("matched", sums.protectedMatched);
        ArrayNode attributes = node.putArray("attributes");
        for (ProtectedAttribute attribute : ProtectedAttribute.values()) {
            ObjectNode entry = attributes.addObject();
            entry.put("attribute", attribute.key());
            entry.put("source", attribute.source());
            ArrayNode groups = entry.putArray("groups");
            long known = 0;
            for (int code = 0; code < attribute.groups().size(); code++) {
                long count = sums.groupCounts[attribute.ordinal()][code];
                groups.addObject().put("group", attribute.groups().get(code)).put("count", count);
                known += count;
            }
            entry.put("unknown", sums.rows - known);
        }
    }

    /**
     * The fairness block ({@link RunFairness#summary}), or null with a note saying why there is none: no protected
     * attributes, no labels, or no labelled applicant with the attributes the facets need.
     */
    private static void fairness(ObjectNode root, Accumulator sums, Optional<RunFairness> fairness) {
        if (fairness.isPresent()) {
            root.set("fairness", fairness.get().summary());
            return;
        }
        root.putNull("fairness");
        root.put(
                "fairness_note",
                sums.bias == null
                        ? "the run was indexed without protected attributes (the ETL's protected_test)"
                        : sums.bias.whyNone());
    }

    private static boolean hasBoth(boolean[] labels) {
        boolean positive = false;
        boolean negative = false;
        for (boolean label : labels) {
            positive |= label;
            negative |= !label;
        }
        return positive && negative;
    }

    private static ArrayNode counts(long[] counts) {
        ArrayNode array = MAPPER.createArrayNode();
        for (long count : counts) {
            array.add(count);
        }
        return array;
    }

    /** The 0th, 1st, ..., 100th percentile of a feature's sampled column (nearest rank), NaN left out. */
    private static ArrayNode quantiles(float[][] sample, int feature, int size) {
        float[] column = new float[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            float value = sample[i][feature];
            if (!Float.isNaN(value)) {
                column[n++] = value;
            }
        }
        Arrays.sort(column, 0, n);
        ArrayNode array = MAPPER.createArrayNode();
        for (int q = 0; n > 0 && q < QUANTILES; q++) {
            int rank = (int) Math.round(q / (double) (QUANTILES - 1) * (n - 1));
            array.add(column[rank]);
        }
        return array;
    }

    private static List<StoredFile> outFiles(RunStorage storage, Location output) {
        if (!storage.isFolder(output)) {
            throw new RunIndexException("run " + output + " is not a folder of batch outputs"
                    + storage.whyMissing(output).map(why -> ": " + why).orElse(""));
        }
        List<StoredFile> files = storage.list(output).stream()
                .filter(file -> file.path().endsWith(".out"))
                .filter(file -> !file.path().startsWith("."))
                .toList();
        if (files.isEmpty()) {
            throw new RunIndexException("run " + output + " has no .out files to index");
        }
        return files;
    }

    static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The column files, written row by row. */
    private static final class Columns implements AutoCloseable {
        private final DataOutputStream rowIds;
        private final DataOutputStream scores;
        private final DataOutputStream labels;
        private final DataOutputStream reasons;
        private final DataOutputStream files;
        private final DataOutputStream offsets;
        private final DataOutputStream phi;
        private final DataOutputStream values;
        private final DataOutputStream groups;

        Columns(Path folder, int features, boolean protectedGroups) throws IOException {
            rowIds = output(folder.resolve(RunColumns.ROW_IDS));
            scores = output(folder.resolve(RunColumns.SCORES));
            labels = output(folder.resolve(RunColumns.LABELS));
            reasons = output(folder.resolve(RunColumns.REASONS));
            files = output(folder.resolve(RunColumns.FILES));
            offsets = output(folder.resolve(RunColumns.OFFSETS));
            phi = output(folder.resolve(RunColumns.PHI));
            values = output(folder.resolve(RunColumns.VALUES));
            groups = protectedGroups ? output(folder.resolve(RunColumns.PROTECTED)) : null;
        }

        void addGroups(byte[] codes) throws IOException {
            groups.write(codes);
        }

        void add(
                long id,
                double score,
                Boolean label,
                long reasonMask,
                int file,
                long offset,
                float[] phis,
                float[] vals)
                throws IOException {
            rowIds.writeLong(id);
            scores.writeDouble(score);
            labels.writeByte(label == null ? -1 : label ? 1 : 0);
            reasons.writeLong(reasonMask);
            files.writeInt(file);
            offsets.writeLong(offset);
            for (float value : phis) {
                phi.writeFloat(value);
            }
            for (float value : vals) {
                values.writeFloat(value);
            }
        }

        @Override
        public void close() throws IOException {
            for (DataOutputStream stream : List.of(rowIds, scores, labels, reasons, files, offsets, phi, values)) {
                stream.close();
            }
            if (groups != null) {
                groups.close();
            }
        }
    }

    /** The exact sums and counts, and the seeded reservoir sample for the quantile sketches. */
    private static final class Accumulator {
        final int features;
        long rows;
        long errorLines;
        long labelled;
        double scoreSum;
        long[] ids = new long[1024];
        double[] scores = new double[1024];
        byte[] labels = new byte[1024];
        final double[] sumAbsPhi;
        final double[] sumPhi;
        final long[] reasonCounts;
        final long[][] histogram = new long[3][HISTOGRAM_BINS];
        // Per categorical feature, the rows with each category code (null for a numerical feature).
        final long[][] categoryCounts;
        final float[][] samplePhi = new float[SKETCH_SAMPLE][];
        final float[][] sampleValues = new float[SKETCH_SAMPLE][];
        final SplittableRandom random = new SplittableRandom(SEED);
        /** Sums of |φ_ij| (schema order), allocated by the first line with interaction values. */
        double[][] sumAbsInteraction;

        long interactionRows;

        /** The run's protected groups, or null; the counts of each attribute's groups, and of the matched rows. */
        final ProtectedGroups protectedGroups;

        /** What the fairness analysis gathers, or null without protected groups. */
        final BiasInputs bias;

        /** The global explanations' sums, or null without the run's model. */
        final GlobalDependence dependence;

        /** The explanation method and reference of the first line, which every line must share. */
        String method;

        JsonNode reference;
        String firstBasisLine;
        private boolean basisSeen;

        final long[][] groupCounts = new long[ProtectedAttribute.values().length][];
        long protectedMatched;
        private final byte[] groupCodes = new byte[ProtectedAttribute.values().length];

        Accumulator(
                List<Feature> catalogFeatures,
                ProtectedGroups protectedGroups,
                BiasInputs bias,
                GlobalDependence dependence) {
            int features = catalogFeatures.size();
            this.protectedGroups = protectedGroups;
            this.bias = bias;
            this.dependence = dependence;
            for (ProtectedAttribute attribute : ProtectedAttribute.values()) {
                groupCounts[attribute.ordinal()] = new long[attribute.groups().size()];
            }
            this.features = features;
            sumAbsPhi = new double[features];
            sumPhi = new double[features];
            reasonCounts = new long[features];
            categoryCounts = new long[features][];
            for (int i = 0; i < features; i++) {
                Feature feature = catalogFeatures.get(i);
                categoryCounts[i] =
                        feature.isCategorical() ? new long[feature.categories().size()] : null;
            }
        }

        int sampled() {
            return (int) Math.min(rows, SKETCH_SAMPLE);
        }

        /**
         * Checks that a line's SHAP values ({@code explanation_shap_values}) have the method and reference of the
         * run's first line: means over a run that mixes methods would explain nothing.
         */
        void basis(JsonNode explanation, String where) {
            String lineMethod = explanation.path("explanation_method").asString(null);
            JsonNode lineReference = explanation.path("reference").path("name");
            if (!basisSeen) {
                basisSeen = true;
                method = lineMethod;
                reference = explanation.path("reference").isObject()
                        ? explanation.get("reference").deepCopy()
                        : null;
                firstBasisLine = where;
                return;
            }
            String referenceName =
                    reference == null ? null : reference.path("name").asString(null);
            if (!java.util.Objects.equals(method, lineMethod)
                    || !java.util.Objects.equals(referenceName, lineReference.asString(null))) {
                throw new RunIndexException(
                        where + " is explained by " + describe(lineMethod, lineReference.asString(null))
                                + " but " + firstBasisLine + " by " + describe(method, referenceName)
                                + ": a run's lines must share one explanation method and reference");
            }
        }

        private static String describe(String method, String reference) {
            return (method == null ? "an unnamed method" : method)
                    + (reference == null ? "" : " against '" + reference + "'");
        }

        /** The applicant's group codes (-1 unknown), counted; the array is reused from row to row. */
        byte[] groups(long id) {
            if (protectedGroups.codes(id, groupCodes)) {
                protectedMatched++;
            }
            for (int attribute = 0; attribute < groupCodes.length; attribute++) {
                if (groupCodes[attribute] >= 0) {
                    groupCounts[attribute][groupCodes[attribute]]++;
                }
            }
            return groupCodes;
        }

        double[][] interactions() {
            if (sumAbsInteraction == null) {
                sumAbsInteraction = new double[features][features];
            }
            return sumAbsInteraction;
        }

        void add(long id, double score, Boolean label, long reasons, float[] phi, float[] values) {
            int row = (int) rows;
            if (row == ids.length) {
                ids = Arrays.copyOf(ids, row * 2);
                scores = Arrays.copyOf(scores, row * 2);
                labels = Arrays.copyOf(labels, row * 2);
            }
            ids[row] = id;
            scores[row] = score;
            scoreSum += score;
            labels[row] = (byte) (label == null ? -1 : label ? 1 : 0);
            if (label != null) {
                labelled++;
            }
            int bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, (int) (score * HISTOGRAM_BINS)));
            histogram[0][bin]++;
            if (label != null) {
                histogram[label ? 1 : 2][bin]++;
            }
            for (int i = 0; i < features; i++) {
                sumAbsPhi[i] += Math.abs(phi[i]);
                sumPhi[i] += phi[i];
                if ((reasons & (1L << i)) != 0) {
                    reasonCounts[i]++;
                }
                long[] counts = categoryCounts[i];
                if (counts != null && !Float.isNaN(values[i])) {
                    // A categorical value is its code in the catalogue (unknown categories were read as NaN).
                    counts[(int) values[i]]++;
                }
            }
            // Algorithm R: the first SKETCH_SAMPLE rows, then each later row replaces a random one with
            // probability SKETCH_SAMPLE / (rows + 1): a uniform sample of every row seen.
            if (row < SKETCH_SAMPLE) {
                samplePhi[row] = phi;
                sampleValues[row] = values;
            } else {
                long slot = random.nextLong(rows + 1);
                if (slot < SKETCH_SAMPLE) {
                    samplePhi[(int) slot] = phi;
                    sampleValues[(int) slot] = values;
                }
            }
            rows++;
        }
    }
}

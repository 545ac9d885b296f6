package com.example.credit.batch.runs;

import com.example.credit.batch.storage.FileSystemStorage;
import com.example.credit.batch.storage.Location;
import com.example.credit.batch.storage.RunStorage;
import com.example.credit.batch.storage.StorageException;
import com.example.credit.core.schema.Feature;
import com.example.credit.core.schema.FeatureCatalog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run opened through its index ({@link RunIndexWriter}): the summary as written, and queries that read only the
 * columns they need through memory maps — a page of applicants under a filter and a sort, one applicant by row_id
 * (binary search of the sorted ids, then the one line of the batch output at its byte offset), and a dependence
 * sample. Opening reads {@code index.json} and maps the column files, whatever the number of rows.
 */
public final class RunIndex {

    /** The most applicants one page holds: the browser never receives more. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The most points a dependence sample holds. */
    public static final int MAX_POINTS = 5000;

    /** The most features a beeswarm shows (the schema has 20). */
    public static final int MAX_BEESWARM_FEATURES = 20;

    /** The most applicants a beeswarm samples: at most this many points per feature. */
    public static final int MAX_BEESWARM_POINTS = 2000;

    private static final JsonMapper MAPPER = JsonMapper.shared();
    private static final int PROTECTED_ATTRIBUTES = ProtectedAttribute.values().length;

    private final RunStorage storage;
    private final Location output;
    private final Path folder;
    private final FeatureCatalog catalog;
    private final JsonNode summary;
    private final int rows;
    private final int features;
    private final ByteBuffer rowIds;
    private final ByteBuffer scores;
    private final ByteBuffer labels;
    private final ByteBuffer reasons;
    private final ByteBuffer files;
    private final ByteBuffer offsets;
    private final ByteBuffer phi;
    private final ByteBuffer values;
    private final ByteBuffer ids;
    private final ByteBuffer idRows;
    private final ByteBuffer byScore;
    private final List<String> fileNames;
    /** Mean |φ_ij| in the schema's order, or null when the run has no interaction values. */
    private final double[][] interactions;
    /** The protected group codes (row-major, one byte per attribute), or null when the run has none. */
    private final ByteBuffer groups;

    private RunIndex(RunStorage storage, Location output, Path folder, FeatureCatalog catalog, JsonNode summary)
            throws IOException {
        this.storage = storage;
        this.output = output;
        this.folder = folder;
        this.catalog = catalog;
        this.summary = summary;
        this.rows = Math.toIntExact(summary.path("records").asLong());
        this.features = catalog.features().size();
        rowIds = map(folder.resolve(RunColumns.ROW_IDS), 8L * rows);
        scores = map(folder.resolve(RunColumns.SCORES), 8L * rows);
        labels = map(folder.resolve(RunColumns.LABELS), rows);
        reasons = map(folder.resolve(RunColumns.REASONS), 8L * rows);
        files = map(folder.resolve(RunColumns.FILES), 4L * rows);
        offsets = map(folder.resolve(RunColumns.OFFSETS), 8L * rows);
        phi = map(folder.resolve(RunColumns.PHI), 4L * rows * features);
        values = map(folder.resolve(RunColumns.VALUES), 4L * rows * features);
        ids = map(folder.resolve(RunColumns.IDS), 8L * rows);
        idRows = map(folder.resolve(RunColumns.ID_ROWS), 4L * rows);
        byScore = map(folder.resolve(RunColumns.BY_SCORE), 4L * rows);
        List<String> names = new ArrayList<>();
        summary.path("files").forEach(file -> names.add(file.path("path").asString()));
        fileNames = List.copyOf(names);
        interactions = interactions(summary, catalog, folder.resolve(RunColumns.SUMMARY));
        groups = summary.path("protected").isObject()
                ? map(folder.resolve(RunColumns.PROTECTED), (long) rows * PROTECTED_ATTRIBUTES)
                : null;
    }

    /** The summary's interaction matrix (absent from version-1 indexes, null for runs without interaction values). */
    private static double[][] interactions(JsonNode summary, FeatureCatalog catalog, Path file) {
        JsonNode node = summary.path("interactions");
        if (!node.isObject()) {
            return null;
        }
        int n = catalog.features().size();
        JsonNode names = node.path("features");
        JsonNode matrix = node.path("mean_abs");
        if (!catalog.names().equals(names.valueStream().map(JsonNode::asString).toList()) || matrix.size() != n) {
            throw new RunIndexException("index " + file + " has an interaction matrix of other features than this"
                    + " build's schema: index the run again");
        }
        double[][] means = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                means[i][j] = matrix.path(i).path(j).asDouble(Double.NaN);
            }
        }
        return means;
    }

    /** Whether the run has an index. */
    public static boolean exists(Path output) {
        return Files.isRegularFile(output.resolve(RunColumns.FOLDER).resolve(RunColumns.SUMMARY));
    }

    /**
     * Opens an indexed run on the file system.
     *
     * @throws RunIndexException when it has no index, or one of another format or of other features
     */
    public static RunIndex open(Path output, FeatureCatalog catalog) {
        return open(new FileSystemStorage(), Location.of(output), output.resolve(RunColumns.FOLDER), catalog);
    }

    /**
     * Opens an indexed run wherever its outputs are stored: the index's files are mapped from a local folder (beside
     * the outputs, or a cache of an S3 run's, see {@link StoredRuns}); an applicant's line is read from the outputs
     * through the storage, one range at its offset.
     *
     * @param folder the local folder holding the index's files
     * @throws RunIndexException when it has no index, or one of another format or of other features
     */
    public static RunIndex open(RunStorage storage, Location output, Path folder, FeatureCatalog catalog) {
        Path summaryFile = folder.resolve(RunColumns.SUMMARY);
        if (!Files.isRegularFile(summaryFile)) {
            throw new RunIndexException("run " + output + " has no index: index it first");
        }
        try {
            JsonNode summary = MAPPER.readTree(Files.readString(summaryFile));
            int format = summary.path("format_version").asInt(-1);
            if (format < 1 || format > RunIndexWriter.FORMAT_VERSION) {
                throw new RunIndexException("index " + summaryFile + " has format " + format + "; this build reads 1"
                        + " to " + RunIndexWriter.FORMAT_VERSION + ": index the run again");
            }
            if (summary.path("importance").size() != catalog.features().size()) {
                throw new RunIndexException("index " + summaryFile + " has "
                        + summary.path("importance").size() + " features, this build's schema "
                        + catalog.features().size() + ": index the run again");
            }
            return new RunIndex(storage, output, folder, catalog, summary);
        } catch (JacksonException e) {
            throw new RunIndexException("index " + summaryFile + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RunIndexException("cannot read the index of " + output + ": " + e.getMessage(), e);
        }
    }

    /** The summary the index step wrote: counts, AUC and ROC, histograms, importance, sketches. */
    public JsonNode summary() {
        return summary;
    }

    /** The number of explained applicants. */
    public int rows() {
        return rows;
    }

    /**
     * Whether the index holds exactly these labels: every applicant's label is the one {@code byRowId} gives its
     * row id, and none where it gives none (the index was made with these labels).
     */
    public boolean labelledAs(java.util.Map<String, Boolean> byRowId) {
        for (int row = 0; row < rows; row++) {
            Boolean label = byRowId.get(rowId(row));
            if (labels.get(row) != (label == null ? -1 : label ? 1 : 0)) {
                return false;
            }
        }
        return true;
    }

    /** How a page is ordered. */
    public enum Sort {
        SCORE_DESC,
        SCORE_ASC,
        ROW_ID;

        /**
         * Reads {@code score_desc}, {@code score_asc} or {@code row_id}.
         *
         * @throws BadQueryException for anything else
         */
        public static Sort parse(String value) {
            if (value == null || value.isBlank()) {
                return SCORE_DESC;
            }
            for (Sort sort : values()) {
                if (sort.name().equalsIgnoreCase(value)) {
                    return sort;
                }
            }
            throw new BadQueryException("sort '" + value + "' is not one of score_desc, score_asc, row_id");
        }
    }

    /**
     * One applicant of a page.
     *
     * @param rowId the row id
     * @param prediction the probability of default
     * @param label 1 defaulted, 0 did not, -1 no label
     * @param reasons the features that are the applicant's reasons, in the schema's order
     */
    public record Row(String rowId, double prediction, int label, List<String> reasons) {}

    /**
     * A page of applicants.
     *
     * @param total how many applicants the filter keeps
     * @param page the page number, from 0
     * @param size the page size asked for
     * @param rows the page's applicants
     */
    public record Page(long total, int page, int size, List<Row> rows) {}

    /**
     * A page of the applicants that pass the filter, in the sort's order: by descending score with ties in row order,
     * the reverse of that, or by row_id.
     *
     * @throws BadQueryException for a negative page or a size outside 1..{@value #MAX_PAGE_SIZE}
     */
    public Page applicants(ApplicantFilter filter, Sort sort, int page, int size) {
        if (page < 0) {
            throw new BadQueryException("page " + page + " must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadQueryException("page size " + size + " must be between 1 and " + MAX_PAGE_SIZE);
        }
        check(filter);
        // Walk the rows in the sort's order (both orders are columns of the index), count those the filter keeps
        // and take the page's: one pass, no sort at query time.
        long first = (long) page * size;
        long count = 0;
        List<Row> pageRows = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int row =
                    switch (sort) {
                        case SCORE_DESC -> byScore.getInt(i * 4);
                        case SCORE_ASC -> byScore.getInt((rows - 1 - i) * 4);
                        case ROW_ID -> idRows.getInt(i * 4);
                    };
            if (passes(filter, row)) {
                if (count >= first && count < first + size) {
                    pageRows.add(new Row(rowId(row), score(row), labels.get(row), reasonNames(row)));
                }
                count++;
            }
        }
        return new Page(count, page, size, pageRows);
    }

    /** A row id drawn with the seed among the applicants the filter keeps, for "pick at random"; empty if none. */
    public java.util.Optional<String> random(ApplicantFilter filter, long seed) {
        check(filter);
        SplittableRandom random = new SplittableRandom(seed);
        String chosen = null;
        int seen = 0;
        for (int row = 0; row < rows; row++) {
            if (passes(filter, row) && random.nextInt(++seen) == 0) {
                chosen = rowId(row);
            }
        }
        return java.util.Optional.ofNullable(chosen);
    }

    /**
     * One applicant: the batch output's line for it (its input with the features, and {@code SageMakerOutput}) and
     * its label.
     *
     * @param record the joined line as JSON
     * @param label 1 defaulted, 0 did not, -1 no label
     */
    public record Applicant(String rowId, JsonNode record, int label) {}

    /**
     * The applicant with this row id.
     *
     * @throws UnknownApplicantException when the run has none
     */
    public Applicant applicant(String rowId) {
        OptionalLong id = RowIds.tryParse(rowId);
        int position = id.isPresent() ? find(id.getAsLong()) : -1;
        if (position < 0) {
            throw new UnknownApplicantException(
                    "run " + output.name() + " has no applicant with row_id '" + rowId + "'");
        }
        int row = idRows.getInt(position * 4);
        return new Applicant(rowId, line(row), labels.get(row));
    }

    /**
     * A dependence sample.
     *
     * @param feature the feature on the x axis
     * @param categories its categories when categorical (x is then the category's code), else empty
     * @param x the feature's values (NaN when missing)
     * @param phi its SHAP values
     * @param colour the feature the points are coloured by
     * @param colourValues its values at the points
     * @param colourBasis {@value #STRONGEST_INTERACTION} (from the run's interaction values) or
     *     {@value #BEST_CORRELATION} (the approximation, when the run has none)
     * @param colourMethod how it was chosen, in words, with the figure it was chosen by
     * @param rows the rows of the sample, in batch output order
     */
    public record Dependence(
            String feature,
            List<String> categories,
            float[] x,
            float[] phi,
            String colour,
            float[] colourValues,
            String colourBasis,
            String colourMethod,
            int[] rows) {}

    /** A dependence plot coloured by the feature of largest mean |φ_ij| with the plotted feature. */
    public static final String STRONGEST_INTERACTION = "strongest_interaction";

    /** A dependence plot coloured by the feature whose values correlate best with the plotted feature's φ. */
    public static final String BEST_CORRELATION = "best_correlation";

    /** Whether the run was indexed with its applicants' protected groups (the filter's {@code protected.} terms). */
    public boolean hasProtectedGroups() {
        return groups != null;
    }

    /**
     * Whether the index holds the global explanations of this model (the summary's {@code global} block, format 5 or
     * later, made with the {@code model.txt} of this SHA-256).
     */
    public boolean hasGlobalExplanationsOf(RunModel model) {
        return summary.path("global").path("model_sha256").asString("").equals(model.sha256());
    }

    /**
     * Whether the index holds the run's fairness (the summary's {@code fairness} block): indexed by this format or
     * later with labels and protected attributes, and some labelled applicant had the attributes the facets need.
     */
    public boolean hasFairness() {
        return summary.path("fairness").isObject();
    }

    /**
     * Whether the index was made by a format that analyses fairness (4 or later) and, if it has a fairness block,
     * with these settings: a run configured with labels and protected attributes whose index is not is indexed again.
     */
    public boolean fairnessAnalysedWith(BiasSettings settings) {
        if (!summary.has("fairness")) {
            return false;
        }
        JsonNode fairness = summary.path("fairness");
        return !fairness.isObject() || fairness.path("settings").equals(RunFairness.settings(settings));
    }

    /** The run's {@code bias-post.json} as the index step wrote it, or empty when the index holds no fairness. */
    public Optional<String> biasPostJson() {
        return fairnessFile(RunColumns.BIAS_POST);
    }

    /** The run's Clarify-shaped {@code analysis.json} as the index step wrote it, or empty without fairness. */
    public Optional<String> clarifyAnalysisJson() {
        return fairnessFile(RunColumns.CLARIFY_ANALYSIS);
    }

    private Optional<String> fairnessFile(String name) {
        if (!hasFairness()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            throw new RunIndexException(
                    "index of " + output + " lacks its " + name + " (" + e.getMessage() + "): index the run again", e);
        }
    }

    /** Whether the run's lines carried SHAP interaction values (the summary then holds their mean |φ_ij|). */
    public boolean hasInteractions() {
        return interactions != null;
    }

    /**
     * A sample of at most {@code points} applicants for the dependence plot of {@code feature}: stratified by
     * score decile (each decile in proportion to its size, at least one row from a non-empty one) and drawn with a
     * seed, so the same run gives the same points. Coloured by the feature of strongest interaction — the j ≠ i of
     * largest mean |φ_ij| over the run — when the run has interaction values; otherwise (or when every φ_ij of the
     * feature is 0) by the other feature whose values correlate best with this feature's SHAP values over the sample
     * (shap's approximate interaction heuristic), and labelled as that approximation.
     *
     * @throws BadQueryException for an unknown feature or a number of points outside 1..{@value #MAX_POINTS}
     */
    public Dependence dependence(String feature, int points) {
        if (!catalog.contains(feature)) {
            throw new BadQueryException("feature '" + feature + "' is not one of " + catalog.names());
        }
        if (points < 1 || points > MAX_POINTS) {
            throw new BadQueryException("points " + points + " must be between 1 and " + MAX_POINTS);
        }
        Feature chosen = catalog.feature(feature);
        int[] sample = stratifiedSample(points, RunIndexWriter.SEED + chosen.index());
        float[] x = new float[sample.length];
        float[] phis = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            x[i] = value(sample[i], chosen.index());
            phis[i] = phi(sample[i], chosen.index());
        }
        int best = strongestInteraction(chosen.index());
        String basis;
        String method;
        if (best >= 0) {
            basis = STRONGEST_INTERACTION;
            method = String.format(
                    java.util.Locale.ROOT,
                    "strongest interaction: the feature of largest mean |SHAP interaction value| with %s over the"
                            + " run's %d applicants with interaction values (mean |φ_ij| = %.4f)",
                    feature,
                    summary.path("interactions").path("rows").asLong(),
                    interactions[chosen.index()][best]);
        } else {
            double bestCorrelation = -1;
            for (Feature other : catalog.features()) {
                if (other.index() == chosen.index()) {
                    continue;
                }
                float[] column = new float[sample.length];
                for (int i = 0; i < sample.length; i++) {
                    column[i] = value(sample[i], other.index());
                }
                double correlation = Math.abs(correlation(phis, column));
                if (correlation > bestCorrelation) {
                    bestCorrelation = correlation;
                    best = other.index();
                }
            }
            basis = BEST_CORRELATION;
            method = String.format(
                    java.util.Locale.ROOT,
                    "approximate: the feature whose values correlate best with the SHAP values of %s over the"
                            + " sample (|r| = %.3f); %s",
                    feature,
                    Math.max(0, bestCorrelation),
                    interactions == null
                            ? "the run has no interaction values"
                            : "every interaction value of " + feature + " is 0");
        }
        Feature colour = catalog.features().get(best);
        float[] colourValues = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            colourValues[i] = value(sample[i], best);
        }
        return new Dependence(
                feature,
                chosen.isCategorical() ? chosen.categories() : List.of(),
                x,
                phis,
                colour.name(),
                colourValues,
                basis,
                method,
                sample);
    }

    /**
     * A beeswarm of the {@code features} most important features (by mean |φ|, as in the summary; all of them when
     * the run has fewer): one seeded sample of at most {@code points} applicants, stratified by score decile as the
     * dependence sample, the same rows for every feature (seed {@value RunIndexWriter#SEED}, so the same run gives
     * the same points). Each point carries its φ, its value and the value's position in the feature's distribution:
     * for a numeric feature its mid-rank among the run's 101 sketched value quantiles, for a categorical one the
     * category's mid-rank in the run's value counts with categories in the schema's order (a colour that tells
     * categories apart, not a magnitude).
     *
     * @throws BadQueryException for a number of features outside 1..{@value #MAX_BEESWARM_FEATURES} or of points
     *     outside 1..{@value #MAX_BEESWARM_POINTS}
     */
    public Beeswarm beeswarm(int top, int points) {
        if (top < 1 || top > MAX_BEESWARM_FEATURES) {
            throw new BadQueryException("features " + top + " must be between 1 and " + MAX_BEESWARM_FEATURES);
        }
        if (points < 1 || points > MAX_BEESWARM_POINTS) {
            throw new BadQueryException("points " + points + " must be between 1 and " + MAX_BEESWARM_POINTS);
        }
        int[] sample = stratifiedSample(points, RunIndexWriter.SEED);
        List<Beeswarm.FeaturePoints> shown = new ArrayList<>();
        JsonNode sketches = summary.path("sketches").path("features");
        for (JsonNode item : summary.path("importance")) {
            if (shown.size() == top) {
                break;
            }
            Feature feature = catalog.feature(item.path("feature").asString());
            JsonNode sketch = sketches.path(feature.name());
            float[] phis = new float[sample.length];
            float[] vals = new float[sample.length];
            float[] position = new float[sample.length];
            float[] ranks = feature.isCategorical()
                    ? Beeswarm.categoryRanks(categoryCounts(feature, sketch.path("value_counts")))
                    : floats(sketch.path("value_quantiles"));
            for (int i = 0; i < sample.length; i++) {
                phis[i] = phi(sample[i], feature.index());
                vals[i] = value(sample[i], feature.index());
                if (feature.isCategorical()) {
                    position[i] = Float.isNaN(vals[i]) ? Float.NaN : ranks[(int) vals[i]];
                } else {
                    position[i] = Beeswarm.quantileRank(vals[i], ranks);
                }
            }
            shown.add(new Beeswarm.FeaturePoints(
                    feature.name(),
                    item.path("mean_abs_phi").asDouble(),
                    feature.isCategorical() ? feature.categories() : List.of(),
                    feature.isCategorical() ? Beeswarm.CATEGORY_RANK : Beeswarm.VALUE_RANK,
                    phis,
                    vals,
                    position));
        }
        return new Beeswarm(RunIndexWriter.SEED, rows, sample, shown);
    }

    private static long[] categoryCounts(Feature feature, JsonNode counts) {
        long[] byCode = new long[feature.categories().size()];
        for (int code = 0; code < byCode.length; code++) {
            byCode[code] = counts.path(feature.categories().get(code)).asLong();
        }
        return byCode;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    /** The j ≠ i of largest mean |φ_ij| (the first of equals), or -1 without interaction values or when all are 0. */
    private int strongestInteraction(int feature) {
        if (interactions == null) {
            return -1;
        }
        int best = -1;
        double strongest = 0;
        for (int j = 0; j < features; j++) {
            if (j != feature && interactions[feature][j] > strongest) {
                strongest = interactions[feature][j];
                best = j;
            }
        }
        return best;
    }

    private int[] stratifiedSample(int points, long seed) {
        int[][] deciles = new int[10][];
        int[] sizes = new int[10];
        for (int d = 0; d < 10; d++) {
            deciles[d] = new int[16];
        }
        for (int row = 0; row < rows; row++) {
            int d = Math.min(9, Math.max(0, (int) (score(row) * 10)));
            if (sizes[d] == deciles[d].length) {
                deciles[d] = Arrays.copyOf(deciles[d], sizes[d] * 2);
            }
            deciles[d][sizes[d]++] = row;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[0];
        for (int d = 0; d < 10; d++) {
            if (sizes[d] == 0) {
                continue;
            }
            int take = (int) Math.max(1, Math.min(sizes[d], Math.round(points * (double) sizes[d] / rows)));
            int[] bucket = Arrays.copyOf(deciles[d], sizes[d]);
            // A partial Fisher-Yates shuffle: the first `take` slots become a uniform sample without replacement.
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(sizes[d] - i);
                int swap = bucket[i];
                bucket[i] = bucket[j];
                bucket[j] = swap;
            }
            int start = chosen.length;
            chosen = Arrays.copyOf(chosen, start + take);
            System.arraycopy(bucket, 0, chosen, start, take);
        }
        Arrays.sort(chosen);
        return chosen.length > points ? Arrays.copyOf(chosen, points) : chosen;
    }

    private static double correlation(float[] a, float[] b) {
        double n = 0;
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isNaN(a[i]) && !Float.isNaN(b[i])) {
                n++;
                sa += a[i];
                sb += b[i];
            }
        }
        if (n < 2) {
            return 0;
        }
        double ma = sa / n;
        double mb = sb / n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isNaN(a[i]) && !Float.isNaN(b[i])) {
                cov += (a[i] - ma) * (b[i] - mb);
                va += (a[i] - ma) * (a[i] - ma);
                vb += (b[i] - mb) * (b[i] - mb);
            }
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    /** A filter of protected groups needs a run indexed with them. */
    private void check(ApplicantFilter filter) {
        if (groups == null && filter.readsProtectedGroups()) {
            String term = filter.terms().stream()
                    .filter(t -> t.key() == ApplicantFilter.Key.PROTECTED)
                    .findFirst()
                    .orElseThrow()
                    .text();
            throw new BadQueryException("filter term '" + term + "': the run has no protected attributes; index it"
                    + " with its protected folder (batch index --protected DIR, or serve --run"
                    + " ID=OUT,LABELS,MODEL,PROTECTED)");
        }
    }

    private boolean passes(ApplicantFilter filter, int row) {
        for (ApplicantFilter.Term term : filter.terms()) {
            boolean holds =
                    switch (term.key()) {
                        case LABEL -> term.test(labels.get(row));
                        case SCORE -> term.test(score(row));
                        case REASON -> term.test((reasons.getLong(row * 8) & (1L << term.feature())) != 0 ? 1 : 0);
                        case FEATURE -> {
                            float value = value(row, term.feature());
                            yield !Float.isNaN(value) && term.test(value);
                        }
                        case PROTECTED -> {
                            byte code = groups.get(row * PROTECTED_ATTRIBUTES + term.feature());
                            yield code >= 0 && term.test(code);
                        }
                    };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private int find(long id) {
        int low = 0;
        int high = rows - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int compared = Long.compareUnsigned(ids.getLong(middle * 8), id);
            if (compared < 0) {
                low = middle + 1;
            } else if (compared > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    private JsonNode line(int row) {
        Location file = output.resolve(fileNames.get(files.getInt(row * 4)));
        long offset = offsets.getLong(row * 8);
        try {
            return MAPPER.readTree(new String(storage.readLine(file, offset), StandardCharsets.UTF_8));
        } catch (StorageException | JacksonException e) {
            throw new RunIndexException("cannot read row " + row + " of " + file + " at byte " + offset + ": "
                    + e.getMessage() + " (was the output changed after indexing? index the run again)");
        }
    }

    private String rowId(int row) {
        return RowIds.format(rowIds.getLong(row * 8));
    }

    private List<String> reasonNames(int row) {
        long mask = reasons.getLong(row * 8);
        List<String> names = new ArrayList<>();
        for (Feature feature : catalog.features()) {
            if ((mask & (1L << feature.index())) != 0) {
                names.add(feature.name());
            }
        }
        return names;
    }

    private double score(int row) {
        return scores.getDouble(row * 8);
    }

    private float phi(int row, int feature) {
        return phi.getFloat((row * features + feature) * 4);
    }

    private float value(int row, int feature) {
        return values.getFloat((row * features + feature) * 4);
    }

    private static ByteBuffer map(Path file, long expected) throws IOException {
        if (expected > Integer.MAX_VALUE) {
            throw new RunIndexException("column " + file + " would hold " + expected + " bytes; one map holds at most"
                    + " 2 GiB (about 26 million applicants of 20 features)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != expected) {
                throw new RunIndexException("column " + file + " holds " + channel.size() + " bytes, not the "
                        + expected + " its summary implies: index the run again");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, expected);
        }
    }
}

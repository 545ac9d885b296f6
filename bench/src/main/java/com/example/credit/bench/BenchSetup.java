package com.example.credit.bench;

import com.example.credit.core.layout.PreparedLayout;
import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.core.schema.FeatureEncoder;
import com.example.credit.core.shap.TreeShap;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prepares the engine benchmarks: trains the two synthetic models (once; they are kept in the work folder),
 * copies the credit model, writes the {@value BenchFiles#BATCH} rows each model is measured on, and checks that
 * the engine's contributions and predictions equal LightGBM's on all of them. A disagreement fails the run.
 */
public final class BenchSetup {

    private static final long DATA_SEED = 20_261_125L;
    private static final long ROWS_SEED = 4_242L;

    private final PrintStream out;

    /** A setup that reports to {@code out}. */
    public BenchSetup(PrintStream out) {
        this.out = out;
    }

    /** Prepares every model's folder under {@code work}. */
    public void run(Path work, Path creditModel, Path creditData) {
        prepareCredit(work, creditModel, creditData);
        for (SyntheticModel model : List.of(SyntheticModel.TREES_300_LEAVES_31, SyntheticModel.TREES_500_LEAVES_63)) {
            prepareSynthetic(work, model);
        }
        List<String> failures = new ArrayList<>();
        for (String model : BenchFiles.MODELS) {
            verify(work, model, failures);
        }
        if (!failures.isEmpty()) {
            throw new BenchException(String.join("; ", failures));
        }
    }

    /**
     * The CPU-time cross-check of every model (see {@link CpuTimeCheck}): {@code rounds} rounds, a third of them
     * (at least one) on the largest model, whose LightGBM passes take over ten CPU-seconds each.
     */
    public List<CpuTimeCheck.Rates> cpuTime(Path work, int rounds, int interactionRows, Duration warmUp) {
        CpuTimeCheck check = new CpuTimeCheck(out);
        List<CpuTimeCheck.Rates> rates = new ArrayList<>();
        for (String model : BenchFiles.MODELS) {
            Path dir = BenchFiles.modelDir(work, model);
            if (!Files.exists(dir.resolve("model.txt"))) {
                throw new BenchException("no model " + model + " in " + work + ": run the setup stage first");
            }
            double[][] rows = BenchFiles.readRows(dir.resolve("rows.txt"));
            int modelRounds =
                    model.equals(SyntheticModel.TREES_500_LEAVES_63.name()) ? Math.max(1, rounds / 3) : rounds;
            rates.add(
                    check.run(model, readString(dir.resolve("model.txt")), rows, modelRounds, interactionRows, warmUp));
        }
        return rates;
    }

    private void prepareCredit(Path work, Path creditModel, Path creditData) {
        Path dir = BenchFiles.modelDir(work, "credit");
        copy(creditModel.resolve("model.txt"), dir.resolve("model.txt"));
        // The applications the model was trained and tested on, encoded as the explainer encodes them.
        FeatureEncoder encoder = new FeatureEncoder(FeatureCatalog.standard());
        ObjectMapper json = JsonMapper.builder().build();
        List<double[]> rows = new ArrayList<>();
        for (Channel split : List.of(Channel.DATA_TEST, Channel.DATA_TRAIN)) {
            for (String line : BenchFiles.jsonLines(new PreparedLayout(creditData).folder(split))) {
                if (rows.size() < BenchFiles.BATCH) {
                    JsonNode application = json.readTree(line);
                    rows.add(encoder.encode(application));
                }
            }
        }
        if (rows.size() < BenchFiles.BATCH) {
            throw new BenchException(
                    creditData + " holds " + rows.size() + " applications, the benchmark needs " + BenchFiles.BATCH);
        }
        BenchFiles.writeRows(dir.resolve("rows.txt"), rows);
    }

    private void prepareSynthetic(Path work, SyntheticModel spec) {
        Path dir = BenchFiles.modelDir(work, spec.name());
        Path modelFile = dir.resolve("model.txt");
        if (!Files.isRegularFile(modelFile)) {
            long start = System.nanoTime();
            writeString(modelFile, train(spec));
            out.printf(
                    "setup: trained %s (%d trees x %d leaves, %d features, %d rows) in %.1f s%n",
                    spec.name(),
                    spec.trees(),
                    spec.leaves(),
                    SyntheticModel.NUM_FEATURES,
                    spec.rows(),
                    (System.nanoTime() - start) / 1e9);
        }
        SplittableRandom random = new SplittableRandom(ROWS_SEED);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < BenchFiles.BATCH; i++) {
            rows.add(SyntheticModel.sample(random));
        }
        BenchFiles.writeRows(dir.resolve("rows.txt"), rows);
    }

    private static String train(SyntheticModel spec) {
        SplittableRandom random = new SplittableRandom(DATA_SEED + spec.trees());
        int n = SyntheticModel.NUM_FEATURES;
        double[] flat = new double[spec.rows() * n];
        float[] labels = new float[spec.rows()];
        for (int r = 0; r < spec.rows(); r++) {
            double[] x = SyntheticModel.sample(random);
            System.arraycopy(x, 0, flat, r * n, n);
            labels[r] = SyntheticModel.label(x, random);
        }
        try {
            LGBMDataset dataset = LGBMDataset.createFromMat(flat, spec.rows(), n, true, spec.parameters(), null);
            try {
                dataset.setField("label", labels);
                LGBMBooster booster = LGBMBooster.create(dataset, spec.parameters());
                try {
                    for (int i = 0; i < spec.trees(); i++) {
                        booster.updateOneIter();
                    }
                    return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
                } finally {
                    booster.close();
                }
            } finally {
                dataset.close();
            }
        } catch (LGBMException e) {
            throw new BenchException("training " + spec.name() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the engine against LightGBM on every row of one model and prints the two exactness targets: the
     * largest difference to LightGBM's contributions and the rows whose bits differ between the one-row method and
     * the batch method. A failed check is added to {@code failures} once its target line is printed.
     */
    private void verify(Path work, String name, List<String> failures) {
        Path dir = BenchFiles.modelDir(work, name);
        String text = readString(dir.resolve("model.txt"));
        LightGbmModel model = LightGbmModel.parse(text);
        TreeShap shap = TreeShap.of(model);
        double[][] rows = BenchFiles.readRows(dir.resolve("rows.txt"));
        int n = model.numFeatures();
        double[] flat = new double[rows.length * n];
        double[] ours = new double[rows.length * (n + 1)];
        double[] oursRaw = new double[rows.length];
        double[][] batch = new double[rows.length][n + 1];
        shap.contributions(rows, batch);
        int differing = 0;
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * n, n);
            // The batch method must give every row the bits the one-row method gives it.
            if (!Arrays.equals(shap.contributions(rows[r]), batch[r])) {
                differing++;
            }
            System.arraycopy(batch[r], 0, ours, r * (n + 1), n + 1);
            oursRaw[r] = model.predictRaw(rows[r]);
        }
        try (Booster booster = Booster.load(text, n)) {
            double contributions = Agreement.maxAbsDifference(booster.contributions(flat, rows.length), ours);
            double raw = Agreement.maxAbsDifference(booster.predictRaw(flat, rows.length), oursRaw);
            int leaves = model.forest().numLeaves();
            out.printf(
                    "setup: %-12s %3d trees, %5.1f leaves/tree, depth <= %2d, %2d features: %d rows against"
                            + " LightGBM, max |diff| contributions %.2e, raw %.2e (limit %.0e)%n",
                    name,
                    model.numTrees(),
                    leaves / (double) model.numTrees(),
                    model.forest().maxDepth(),
                    n,
                    rows.length,
                    contributions,
                    raw,
                    Agreement.TOLERANCE);
            out.println(Targets.MAX_DIFFERENCE
                    .forModel(name)
                    .line(Math.max(contributions, raw), rows.length + " rows, contributions and raw scores"));
            out.println(Targets.SAME_BITS
                    .forModel(name)
                    .line(differing, "rows of " + rows.length + " explained alone and in one batch"));
            if (!(contributions <= Agreement.TOLERANCE) || !(raw <= Agreement.TOLERANCE)) {
                failures.add(name + ": engine and LightGBM differ by " + contributions + " (contributions), " + raw
                        + " (raw scores), they must agree within " + Agreement.TOLERANCE);
            }
            if (differing > 0) {
                failures.add(name + ": " + differing + " rows explained alone differ from the same rows in a batch");
            }
        }
    }

    private static void copy(Path from, Path to) {
        writeString(to, readString(from));
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

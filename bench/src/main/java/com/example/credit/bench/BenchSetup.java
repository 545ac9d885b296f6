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
        for (String model : BenchFiles.MODELS) {
            verify(work, model);
        }
    }

    /** The CPU-time cross-check of every model (see {@link CpuTimeCheck}). */
    public void cpuTime(Path work, int rounds) {
        CpuTimeCheck check = new CpuTimeCheck(out);
        for (String model : BenchFiles.MODELS) {
            Path dir = BenchFiles.modelDir(work, model);
            double[][] rows = BenchFiles.readRows(dir.resolve("rows.txt"));
            // LightGBM needs about a minute of CPU per round on the largest model: fewer rounds there.
            int modelRounds =
                    model.equals(SyntheticModel.TREES_500_LEAVES_63.name()) ? Math.max(1, rounds / 3) : rounds;
            check.run(model, readString(dir.resolve("model.txt")), rows, modelRounds);
        }
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

    private void verify(Path work, String name) {
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
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * n, n);
            // The batch method must give every row the bits the one-row method gives it.
            if (!Arrays.equals(shap.contributions(rows[r]), batch[r])) {
                throw new BenchException(name + ": row " + r + " explained alone differs from the same row in a batch");
            }
            System.arraycopy(batch[r], 0, ours, r * (n + 1), n + 1);
            oursRaw[r] = model.predictRaw(rows[r]);
        }
        try (Booster booster = Booster.load(text, n)) {
            double contributions = Agreement.require(
                    name + ": contributions of engine and LightGBM", booster.contributions(flat, rows.length), ours);
            double raw = Agreement.require(
                    name + ": raw scores of engine and LightGBM", booster.predictRaw(flat, rows.length), oursRaw);
            int leaves = model.forest().numLeaves();
            out.printf(
                    "setup: %-12s %3d trees, %5.1f leaves/tree, depth <= %2d, %2d features: %d rows agree with"
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

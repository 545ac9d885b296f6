package com.example.credit.bench;

import com.example.credit.core.model.LightGbmModel;
import com.example.credit.core.shap.InterventionalShap;
import com.example.credit.core.shap.InterventionalWorkspace;
import com.example.credit.core.shap.TreeShap;
import com.example.credit.core.shap.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rows per second of the TreeSHAP engine and of LightGBM ({@code C_API_PREDICT_CONTRIB}, one thread) on the
 * same rows in the same JVM: SHAP values, plain prediction and interaction values, one row per call and in
 * batches of {@value BenchFiles#BATCH}. Batch methods count {@value BenchFiles#BATCH} operations per call, so
 * every score is rows per second. Run by {@link EngineReport}; the work folder comes from {@code -Dbench.work}.
 *
 * <p>LightGBM's batch of SHAP values takes over a minute per call on the largest model of a loaded 2-core
 * machine, and interaction values take about a second a row: those two run fewer iterations, each lasting at
 * least one call.
 *
 * <p>Interventional TreeSHAP ({@code interventionalShap}) is measured against the first 100 and 1000 of the model's
 * rows as the background, one row per call, for its cost per row beside path-dependent TreeSHAP ({@code engineShap}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
public class EngineBenchmarks {

    /**
     * The system property a quick run sets to {@code true}: each fork then checks the first {@value #QUICK_CHECK_ROWS}
     * rows against LightGBM instead of all (the setup stage has checked them all already).
     */
    public static final String QUICK_PROPERTY = "bench.quick";

    static final int QUICK_CHECK_ROWS = 100;

    /** The model and rows of one benchmark, loaded once per fork. */
    @State(Scope.Benchmark)
    public static class ModelState {

        /** Which model of {@link BenchFiles#MODELS}. */
        @Param({"credit", "trees300x31", "trees500x63"})
        public String model;

        LightGbmModel lightGbmModel;
        TreeShap shap;
        Workspace workspace;
        Booster booster;
        double[][] rows;
        double[] flatRows;
        double[] rawScores;
        double[][] contributions;
        double[][] interactions;
        int next;

        /** Loads the model into both engines and checks again that they agree on every row. */
        @Setup(Level.Trial)
        public void load() {
            Path dir = BenchFiles.modelDir(Path.of(System.getProperty("bench.work", "bench/target/work")), model);
            String text;
            try {
                text = Files.readString(dir.resolve("model.txt"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("run `bench.sh` (setup) first: " + e.getMessage(), e);
            }
            lightGbmModel = LightGbmModel.parse(text);
            shap = TreeShap.of(lightGbmModel);
            workspace = shap.newWorkspace();
            rows = BenchFiles.readRows(dir.resolve("rows.txt"));
            int n = lightGbmModel.numFeatures();
            flatRows = new double[rows.length * n];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(rows[r], 0, flatRows, r * n, n);
            }
            rawScores = new double[rows.length];
            contributions = new double[rows.length][n + 1];
            interactions = new double[n][n];
            booster = Booster.load(text, n);
            int checked = Boolean.getBoolean(QUICK_PROPERTY) ? Math.min(QUICK_CHECK_ROWS, rows.length) : rows.length;
            double[] ours = new double[checked * (n + 1)];
            shap.contributions(rows, contributions, workspace);
            for (int r = 0; r < checked; r++) {
                System.arraycopy(contributions[r], 0, ours, r * (n + 1), n + 1);
            }
            Agreement.require(
                    model + " contributions",
                    booster.contributions(Arrays.copyOf(flatRows, checked * n), checked),
                    ours);
        }

        /** Frees the native booster. */
        @TearDown(Level.Trial)
        public void close() {
            booster.close();
        }

        /** The next row, cycling through all of them so that no single path stays in the branch predictor. */
        double[] nextRow() {
            double[] row = rows[next];
            next = next + 1 == rows.length ? 0 : next + 1;
            return row;
        }
    }

    /** Interventional TreeSHAP prepared against the first {@code backgroundRows} rows of the model's rows. */
    @State(Scope.Benchmark)
    public static class InterventionalState {

        /** The number of background rows. */
        @Param({"100", "1000"})
        public int backgroundRows;

        InterventionalShap shap;
        InterventionalWorkspace workspace;
        double[] out;

        /** Builds the instance once per fork (the background's decisions are taken here, not per row). */
        @Setup(Level.Trial)
        public void load(ModelState model) {
            shap = InterventionalShap.of(model.lightGbmModel, Arrays.copyOf(model.rows, backgroundRows));
            workspace = shap.newWorkspace();
            out = new double[shap.numFeatures() + 1];
        }
    }

    /** SHAP values of one row by the engine. */
    @Benchmark
    public double[] engineShap(ModelState s) {
        double[] out = s.contributions[0];
        s.shap.contributions(s.nextRow(), out, s.workspace);
        return out;
    }

    /** SHAP values of one row by LightGBM, one {@code LGBM_BoosterPredictForMat} call. */
    @Benchmark
    public double[] lightgbmShap(ModelState s) {
        return s.booster.contributions(s.nextRow(), 1);
    }

    /** SHAP values of {@value BenchFiles#BATCH} rows by the engine, one call of its batch method. */
    @Benchmark
    @OperationsPerInvocation(BenchFiles.BATCH)
    public void engineShapBatch(ModelState s, Blackhole blackhole) {
        s.shap.contributions(s.rows, s.contributions, s.workspace);
        blackhole.consume(s.contributions);
    }

    /** SHAP values of {@value BenchFiles#BATCH} rows by LightGBM, one call. */
    @Benchmark
    @OperationsPerInvocation(BenchFiles.BATCH)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 2, time = 1)
    public double[] lightgbmShapBatch(ModelState s) {
        return s.booster.contributions(s.flatRows, s.rows.length);
    }

    /** The raw score of one row by the engine. */
    @Benchmark
    public double enginePredict(ModelState s) {
        return s.lightGbmModel.predictRaw(s.nextRow());
    }

    /** The raw score of one row by LightGBM. */
    @Benchmark
    public double[] lightgbmPredict(ModelState s) {
        return s.booster.predictRaw(s.nextRow(), 1);
    }

    /** Raw scores of {@value BenchFiles#BATCH} rows by the engine, its batch method. */
    @Benchmark
    @OperationsPerInvocation(BenchFiles.BATCH)
    public void enginePredictBatch(ModelState s, Blackhole blackhole) {
        s.lightGbmModel.predictRaw(s.rows, s.rawScores);
        blackhole.consume(s.rawScores);
    }

    /** Raw scores of {@value BenchFiles#BATCH} rows by LightGBM, one call. */
    @Benchmark
    @OperationsPerInvocation(BenchFiles.BATCH)
    public double[] lightgbmPredictBatch(ModelState s) {
        return s.booster.predictRaw(s.flatRows, s.rows.length);
    }

    /** Interventional SHAP values of one row against {@code backgroundRows} background rows (LightGBM has none). */
    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public double[] interventionalShap(ModelState s, InterventionalState i) {
        i.shap.contributions(s.nextRow(), i.out, i.workspace);
        return i.out;
    }

    /** SHAP interaction values of one row by the engine (LightGBM has none). */
    @Benchmark
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 2)
    public double[][] engineInteractions(ModelState s) {
        s.shap.interactions(s.nextRow(), s.interactions, s.workspace);
        return s.interactions;
    }
}

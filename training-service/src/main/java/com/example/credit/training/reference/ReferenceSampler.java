package com.example.credit.training.reference;

import com.example.credit.core.manifest.ManifestFeature;
import com.example.credit.core.manifest.ReferenceRows;
import com.example.credit.core.manifest.ReferenceSet;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.data.LabelledRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws the reference populations from the training rows: {@value ReferenceSet#BACKGROUND} (a sample stratified by
 * the label, so that it has the training data's default rate) and, on request, {@value #APPROVED} (a sample of the
 * rows that did not default, the applicants a lender approves). Each holds at most the given number of rows, drawn
 * without replacement by a {@link SplittableRandom} of the training seed; every row keeps its place in the training
 * rows' order (sorted by row id), so the same data and seed give byte-identical files.
 *
 * <p>The rows are model space only: the encoded features, nothing else. No row id, no label, and no personal data,
 * which the ETL removes before training ever sees the data.
 */
public final class ReferenceSampler {

    /** The name of the reference set of training rows that did not default. */
    public static final String APPROVED = "approved";

    private ReferenceSampler() {}

    /**
     * The reference populations of some training rows.
     *
     * @param rows the training rows (sorted by row id, as {@code SplitLoader} gives them)
     * @param size the most rows of each population ({@code background-rows})
     * @param sets {@code approved} for the background and the approved set, {@code none} for the background only
     * @param seed the training seed
     * @param features the model's features, to name the values in the files
     */
    public static List<ReferenceFile> sample(
            LabelledRows rows, int size, String sets, long seed, List<ManifestFeature> features) {
        if (size < 1) {
            throw new IllegalArgumentException("size is " + size + ", must be at least 1");
        }
        // One stream per draw, split off in a fixed order, so that the background is the same with or without the
        // approved set.
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom defaulted = random.split();
        SplittableRandom repaid = random.split();
        SplittableRandom approved = random.split();
        boolean[] labels = rows.labels();
        int[] positives =
                IntStream.range(0, labels.length).filter(r -> labels[r]).toArray();
        int[] negatives =
                IntStream.range(0, labels.length).filter(r -> !labels[r]).toArray();

        List<ReferenceFile> files = new ArrayList<>();
        int n = Math.min(size, rows.rows());
        int fromPositives = Math.min(positives.length, (int) Math.round((double) n * positives.length / rows.rows()));
        int fromNegatives = Math.min(negatives.length, n - fromPositives);
        fromPositives = n - fromNegatives;
        int[] background = union(draw(positives, fromPositives, defaulted), draw(negatives, fromNegatives, repaid));
        files.add(file(
                ReferenceSet.BACKGROUND,
                rows,
                background,
                features,
                describe(
                        background.length,
                        rows.rows(),
                        "training rows, stratified by " + FeatureCatalog.LABEL + " (" + fromPositives + " defaulted, "
                                + fromNegatives + " repaid)",
                        seed)));
        if (sets.equals(APPROVED)) {
            int[] chosen = draw(negatives, Math.min(size, negatives.length), approved);
            files.add(file(
                    APPROVED,
                    rows,
                    chosen,
                    features,
                    describe(
                            chosen.length,
                            negatives.length,
                            "training rows with " + FeatureCatalog.LABEL + "=false",
                            seed)));
        } else if (!sets.equals("none")) {
            throw new IllegalArgumentException("reference sets '" + sets + "' is not one of approved, none");
        }
        return List.copyOf(files);
    }

    private static String describe(int taken, int of, String what, long seed) {
        return (taken == of ? "all " + of : "a seeded sample of " + taken + " of the " + of) + " " + what + ", seed "
                + seed;
    }

    /** {@code count} of the candidates, without replacement (a partial Fisher-Yates shuffle), in ascending order. */
    static int[] draw(int[] candidates, int count, SplittableRandom random) {
        int[] pool = candidates.clone();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(pool.length - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        int[] chosen = Arrays.copyOf(pool, count);
        Arrays.sort(chosen);
        return chosen;
    }

    private static int[] union(int[] a, int[] b) {
        int[] all = IntStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray();
        Arrays.sort(all);
        return all;
    }

    private static ReferenceFile file(
            String name, LabelledRows rows, int[] positions, List<ManifestFeature> features, String description) {
        double[] matrix = rows.select(positions).matrix();
        int columns = rows.columns();
        double[][] selected = new double[positions.length][];
        for (int r = 0; r < positions.length; r++) {
            selected[r] = Arrays.copyOfRange(matrix, r * columns, (r + 1) * columns);
        }
        byte[] content = ReferenceRows.write(features, selected);
        return new ReferenceFile(
                ReferenceSet.of(name, name + ".jsonl", description, positions.length, content), content);
    }
}

package com.example.credit.training.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded stratified k-fold assignment: each class is shuffled on its own and dealt round-robin into the folds,
 * so that every fold holds nearly the same share of defaults as the whole set.
 */
public final class StratifiedFolds {

    private StratifiedFolds() {}

    /**
     * The fold (0 to {@code k - 1}) of every row.
     *
     * @throws IllegalArgumentException when k is below 2 or a class has fewer than k rows
     */
    public static int[] assign(boolean[] labels, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k is " + k + ", must be at least 2");
        }
        List<Integer> positives = new ArrayList<>();
        List<Integer> negatives = new ArrayList<>();
        for (int row = 0; row < labels.length; row++) {
            (labels[row] ? positives : negatives).add(row);
        }
        if (positives.size() < k || negatives.size() < k) {
            throw new IllegalArgumentException("each class needs at least " + k + " rows for " + k + " folds; got "
                    + positives.size() + " positive and " + negatives.size() + " negative rows");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] folds = new int[labels.length];
        // Continue the round-robin across classes so that fold sizes differ by at most one.
        int next = deal(shuffle(negatives, random), folds, k, 0);
        deal(shuffle(positives, random), folds, k, next);
        return folds;
    }

    /** The positions of the rows in fold {@code fold} ({@code inFold}) or in every other fold. */
    public static int[] rows(int[] folds, int fold, boolean inFold) {
        return IntStream.range(0, folds.length)
                .filter(row -> (folds[row] == fold) == inFold)
                .toArray();
    }

    private static List<Integer> shuffle(List<Integer> rows, SplittableRandom random) {
        List<Integer> shuffled = new ArrayList<>(rows);
        // Fisher–Yates with our own seeded source: Collections.shuffle would need a java.util.Random.
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        return shuffled;
    }

    private static int deal(List<Integer> rows, int[] folds, int k, int first) {
        int fold = first;
        for (int row : rows) {
            folds[row] = fold;
            fold = (fold + 1) % k;
        }
        return fold;
    }
}

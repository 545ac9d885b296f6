package com.example.credit.training.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded stratified k-fold assignment that keeps split groups whole: the groups of each stratum (a group's
 * stratum is its largest label: defaulted if any of its rows did) are shuffled on their own and dealt round-robin
 * into the folds, so every fold holds nearly the same share of defaults as the whole set, and near-duplicates of
 * one Statlog row never sit on both sides of a fold. Rows that are their own group get the classic stratified
 * k-fold split.
 */
public final class StratifiedFolds {

    private StratifiedFolds() {}

    /**
     * The fold (0 to {@code k - 1}) of every row, each row its own group.
     *
     * @throws IllegalArgumentException when k is below 2 or a class has fewer than k rows
     */
    public static int[] assign(boolean[] labels, int k, long seed) {
        List<String> own = new ArrayList<>(labels.length);
        for (int row = 0; row < labels.length; row++) {
            own.add(Integer.toString(row));
        }
        return assign(labels, own, k, seed);
    }

    /**
     * The fold (0 to {@code k - 1}) of every row, every row of a group in the same fold.
     *
     * @param labels each row's label
     * @param groups each row's group, in row order
     * @throws IllegalArgumentException when k is below 2 or a stratum has fewer than k groups
     */
    public static int[] assign(boolean[] labels, List<String> groups, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k is " + k + ", must be at least 2");
        }
        if (groups.size() != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + groups.size() + " groups");
        }
        // Groups in order of their first row, each with its rows and its stratum.
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        Map<String, Boolean> strata = new HashMap<>();
        for (int row = 0; row < labels.length; row++) {
            members.computeIfAbsent(groups.get(row), group -> new ArrayList<>()).add(row);
            strata.merge(groups.get(row), labels[row], Boolean::logicalOr);
        }
        List<String> positives = new ArrayList<>();
        List<String> negatives = new ArrayList<>();
        for (String group : members.keySet()) {
            (strata.get(group) ? positives : negatives).add(group);
        }
        if (positives.size() < k || negatives.size() < k) {
            boolean singletons = members.size() == labels.length;
            String unit = singletons ? "rows" : "groups";
            throw new IllegalArgumentException("each class needs at least " + k + " " + unit + " for " + k
                    + " folds; got " + positives.size() + " positive and " + negatives.size() + " negative " + unit);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] folds = new int[labels.length];
        // Continue the round-robin across strata so that fold sizes (in groups) differ by at most one.
        int next = deal(shuffle(negatives, random), members, folds, k, 0);
        deal(shuffle(positives, random), members, folds, k, next);
        return folds;
    }

    /** The positions of the rows in fold {@code fold} ({@code inFold}) or in every other fold. */
    public static int[] rows(int[] folds, int fold, boolean inFold) {
        return IntStream.range(0, folds.length)
                .filter(row -> (folds[row] == fold) == inFold)
                .toArray();
    }

    private static List<String> shuffle(List<String> groups, SplittableRandom random) {
        List<String> shuffled = new ArrayList<>(groups);
        // Fisher–Yates with our own seeded source: Collections.shuffle would need a java.util.Random.
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        return shuffled;
    }

    private static int deal(List<String> groups, Map<String, List<Integer>> members, int[] folds, int k, int first) {
        int fold = first;
        for (String group : groups) {
            for (int row : members.get(group)) {
                folds[row] = fold;
            }
            fold = (fold + 1) % k;
        }
        return fold;
    }
}

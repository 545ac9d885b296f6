package com.example.credit.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTests {

    /** 30 defaults among 100 rows. */
    private static boolean[] labels() {
        boolean[] labels = new boolean[100];
        for (int i = 0; i < 30; i++) {
            labels[i * 3] = true;
        }
        return labels;
    }

    @Test
    void givesEveryFoldTheSameShareOfEachClass() {
        boolean[] labels = labels();

        int[] folds = StratifiedFolds.assign(labels, 5, 42);

        for (int fold = 0; fold < 5; fold++) {
            int[] rows = StratifiedFolds.rows(folds, fold, true);
            long positives = IntStream.of(rows).filter(row -> labels[row]).count();
            assertThat(rows).hasSize(20);
            assertThat(positives).isEqualTo(6);
        }
    }

    @Test
    void splitsRowsIntoDisjointHeldOutAndTrainingParts() {
        int[] folds = StratifiedFolds.assign(labels(), 3, 1);

        int[] held = StratifiedFolds.rows(folds, 0, true);
        int[] rest = StratifiedFolds.rows(folds, 0, false);

        assertThat(held.length + rest.length).isEqualTo(100);
        assertThat(IntStream.concat(IntStream.of(held), IntStream.of(rest))
                        .distinct()
                        .count())
                .isEqualTo(100);
    }

    @Test
    void assignsTheSameFoldsForTheSameSeedAndOthersForAnother() {
        assertThat(StratifiedFolds.assign(labels(), 5, 42)).isEqualTo(StratifiedFolds.assign(labels(), 5, 42));
        assertThat(StratifiedFolds.assign(labels(), 5, 43)).isNotEqualTo(StratifiedFolds.assign(labels(), 5, 42));
    }

    @Test
    void rejectsMoreFoldsThanRowsOfTheSmallerClass() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StratifiedFolds.assign(new boolean[] {true, false, false, true, false}, 3, 1))
                .withMessage("each class needs at least 3 rows for 3 folds; got 2 positive and 3 negative rows");
    }

    @Test
    void keepsEveryGroupInOneFoldAndStillBalancesTheClasses() {
        // 40 groups of 5 near-duplicates, every fourth group defaulted; rows interleaved across groups.
        boolean[] labels = new boolean[200];
        List<String> groups = new ArrayList<>();
        for (int row = 0; row < 200; row++) {
            int group = row % 40;
            groups.add("derived-from-" + group);
            labels[row] = group % 4 == 0;
        }

        int[] folds = StratifiedFolds.assign(labels, groups, 5, 42);

        Map<String, Set<Integer>> foldsOfGroup = new HashMap<>();
        for (int row = 0; row < 200; row++) {
            foldsOfGroup.computeIfAbsent(groups.get(row), g -> new HashSet<>()).add(folds[row]);
        }
        assertThat(foldsOfGroup.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        for (int fold = 0; fold < 5; fold++) {
            int[] rows = StratifiedFolds.rows(folds, fold, true);
            assertThat(rows).hasSize(40);
            assertThat(IntStream.of(rows).filter(row -> labels[row]).count()).isEqualTo(10);
        }
        assertThat(StratifiedFolds.assign(labels, groups, 5, 42)).isEqualTo(folds);
    }

    @Test
    void aGroupWithOneDefaultCountsAsADefaultedGroupAndTooFewGroupsAreNamed() {
        boolean[] labels = {true, false, false, false, false, false};
        List<String> groups = List.of("a", "a", "b", "c", "d", "e");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> StratifiedFolds.assign(labels, groups, 2, 1))
                .withMessage("each class needs at least 2 groups for 2 folds; got 1 positive and 4 negative groups");
    }

    @Test
    void rowsThatAreTheirOwnGroupsSplitExactlyAsTheRowWiseAlgorithmDidBeforeGroups() {
        boolean[] labels = labels();
        List<String> own = IntStream.range(0, 100).mapToObj(row -> "row-" + row).toList();
        // The folds of the row-wise implementation (commit 4e26bee) for these labels, k = 5, seed 42.
        int[] before =
                "4140130404402430311124220303122341332004314203112113221021003401443033121310242444400232020413232341"
                        .chars()
                        .map(c -> c - '0')
                        .toArray();

        assertThat(StratifiedFolds.assign(labels, own, 5, 42)).containsExactly(before);
        assertThat(StratifiedFolds.assign(labels, 5, 42)).containsExactly(before);
    }
}

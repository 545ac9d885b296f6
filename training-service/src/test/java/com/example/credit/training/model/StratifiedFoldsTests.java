package com.example.credit.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
}

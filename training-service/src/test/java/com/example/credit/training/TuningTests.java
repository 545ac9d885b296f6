package com.example.credit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import com.example.credit.training.data.LabelledRows;
import com.example.credit.training.data.SplitLoader;
import com.example.credit.training.model.CrossValidation;
import com.example.credit.training.model.LightGbmParameters;
import com.example.credit.training.model.StratifiedFolds;
import com.example.credit.training.model.TrainedBooster;
import com.example.credit.training.model.Tuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Early stopping on the folds and the hyperparameter search built on it. */
class TuningTests {

    private static final FeatureCatalog CATALOG = FeatureCatalog.standard();

    @TempDir
    static Path temp;

    private static LabelledRows train;
    private static int[] folds;

    @BeforeAll
    static void loadTheStatlogTrainingSplit() {
        Path prepared = StatlogTrainingTests.fixture();
        train = new SplitLoader(new ChannelLayout(prepared), CATALOG).load(Channel.DATA_TRAIN, Channel.LABEL_TRAIN);
        folds = StratifiedFolds.assign(train.labels(), 5, 42);
    }

    @Test
    void earlyStoppingKeepsTheRoundWithTheBestMeanHeldOutAuc() {
        LightGbmParameters parameters = LightGbmParameters.of(Hyperparameters.defaults(), CATALOG);

        CrossValidation.Result result = CrossValidation.run(train, folds, 5, parameters, 30, line -> {});

        double[] means = result.meanAucByRound();
        double best = Arrays.stream(means).max().orElseThrow();
        assertThat(means[result.rounds() - 1]).isEqualTo(best);
        assertThat(Arrays.stream(means, 0, result.rounds() - 1)).allMatch(mean -> mean < best);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(means).as("stopped 30 rounds after the best").hasSize(result.rounds() + 30);
        assertThat(result.foldAucs()).hasSize(5);
        assertThat(Arrays.stream(result.foldAucs()).average().orElseThrow()).isCloseTo(best, offset(1e-12));
    }

    @Test
    void outOfFoldPredictionsAreEachFoldModelsPredictionsOfItsHeldOutRowsAtTheChosenRound() {
        LightGbmParameters parameters = LightGbmParameters.of(Hyperparameters.defaults(), CATALOG);
        CrossValidation.Result result = CrossValidation.run(train, folds, 5, parameters, 30, line -> {});
        double[] outOfFold = result.outOfFold();

        for (int fold = 0; fold < 5; fold++) {
            int[] held = StratifiedFolds.rows(folds, fold, true);
            try (TrainedBooster booster = TrainedBooster.train(
                    train.select(StratifiedFolds.rows(folds, fold, false)),
                    parameters.withIterations(result.rounds()))) {
                double[] expected = booster.predictProbabilities(train.select(held));
                for (int i = 0; i < held.length; i++) {
                    assertThat(outOfFold[held[i]])
                            .as("fold %d row %d", fold, held[i])
                            .isCloseTo(expected[i], offset(1e-12));
                }
            }
        }
    }

    @Test
    void aCandidateMayNotChangeTheFoldsItIsScoredOn() {
        assertThatThrownBy(() -> Tuner.search(train, CATALOG, Map.of(), List.of(Map.of("cv-splits", "3")), line -> {}))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("a tuning candidate may not set cv-splits");
    }

    @Test
    void withoutEarlyStoppingEveryRoundRunsAndTheLastCounts() {
        LightGbmParameters parameters = LightGbmParameters.of(
                Hyperparameters.parse(Map.of("tree-n-estimators", "40", "early-stopping-rounds", "0")), CATALOG);

        CrossValidation.Result result = CrossValidation.run(train, folds, 5, parameters, 0, line -> {});

        assertThat(result.rounds()).isEqualTo(40);
        assertThat(result.meanAucByRound()).hasSize(40);
        assertThat(result.stoppedEarly()).isFalse();
    }

    @Test
    void randomCandidatesAreSeededAndStayInsideTheSearchSpace() {
        List<Map<String, String>> candidates = Tuner.randomCandidates(50, 7);

        assertThat(Tuner.randomCandidates(50, 7)).isEqualTo(candidates);
        assertThat(Tuner.randomCandidates(50, 8)).isNotEqualTo(candidates);
        for (Map<String, String> candidate : candidates) {
            for (Tuner.Range range : Tuner.SPACE) {
                double value = Double.parseDouble(candidate.get(range.key()));
                assertThat(value).as(range.key()).isBetween(range.low(), range.high());
                if (range.integer()) {
                    assertThat(candidate.get(range.key())).matches("\\d+");
                }
            }
            // Every candidate is a valid set of hyperparameters.
            Hyperparameters.parse(candidate);
        }
    }

    @Test
    void aGridIsEveryCombinationFirstAxisSlowest() {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        axes.put("tree-num-leaves", List.of("4", "8"));
        axes.put("lambda-l2", List.of("0", "1", "10"));

        List<Map<String, String>> grid = Tuner.grid(axes);

        assertThat(grid).hasSize(6);
        assertThat(grid.get(0)).isEqualTo(Map.of("tree-num-leaves", "4", "lambda-l2", "0"));
        assertThat(grid.get(1)).isEqualTo(Map.of("tree-num-leaves", "4", "lambda-l2", "1"));
        assertThat(grid.get(5)).containsEntry("tree-num-leaves", "8").containsEntry("lambda-l2", "10");
    }

    @Test
    void theSearchRanksByCrossValidatedAucOnTheTrainingChannelsAlone() throws Exception {
        Path prepared = temp.resolve("prepared");
        PreparedDataFixture.write(prepared, 600, 150, 5);
        // The test channels are garbage: the search must not read them.
        Files.writeString(prepared.resolve("data_test/part-00000.json"), "not json\n");
        List<Map<String, String>> candidates = Tuner.grid(Map.of("tree-num-leaves", List.of("2", "8", "31")));

        List<Tuner.Trial> ranked = new TuningJob(CATALOG, line -> {})
                .run(new ChannelLayout(prepared), Map.of("tree-n-estimators", "200"), candidates);

        assertThat(ranked).hasSize(3);
        assertThat(ranked).extracting(Tuner.Trial::cvAuc).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(ranked).allSatisfy(trial -> assertThat(trial.rounds()).isBetween(1, 200));
        assertThat(new TuningJob(CATALOG, line -> {})
                        .run(new ChannelLayout(prepared), Map.of("tree-n-estimators", "200"), candidates))
                .as("deterministic")
                .isEqualTo(ranked);
        assertThat(Tuner.leaderboard(ranked, 2)).hasSize(3).first().asString().contains("cv_auc");
    }

    @Test
    void anInvalidCandidateIsNamed() {
        assertThatThrownBy(() ->
                        Tuner.search(train, CATALOG, Map.of(), List.of(Map.of("tree-num-leaves", "1")), line -> {}))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("hyperparameter tree-num-leaves='1' is invalid");
    }
}

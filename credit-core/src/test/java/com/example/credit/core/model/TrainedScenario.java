package com.example.credit.core.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A scenario's trained LightGBM booster together with its model text and the model this project reads from
 * that text. Boosters are trained once per test JVM and shared by the test classes (training dominates the
 * test run time; LightGBM4j also cannot be loaded by parallel forks).
 *
 * @param scenario the scenario
 * @param modelText the text LightGBM saved (or the spliced text LightGBM loaded)
 * @param model the model read by {@link LightGbmModel#parse}
 * @param reference the LightGBM booster predicting from the same model
 */
public record TrainedScenario(Scenario scenario, String modelText, LightGbmModel model, LightGbmReference reference) {

    private static final long TRAINING_SEED = 20_260_101L;
    private static final Map<Scenario, TrainedScenario> CACHE = new EnumMap<>(Scenario.class);
    private static final Pattern TREE_HEADER = Pattern.compile("(?m)^Tree=\\d+\\R");

    /** The trained scenario, training it on first use. */
    public static synchronized TrainedScenario of(Scenario scenario) {
        return CACHE.computeIfAbsent(scenario, TrainedScenario::train);
    }

    /** The rows and labels the booster was trained on (generated again from the same seed). */
    public TrainingData trainingData() {
        return scenario.trainingData(TRAINING_SEED + scenario.ordinal());
    }

    private static TrainedScenario train(Scenario scenario) {
        TrainingData data = scenario.trainingData(TRAINING_SEED + scenario.ordinal());
        LightGbmReference trained = LightGbmReference.train(data, scenario.parameters(), scenario.iterations());
        String text = trained.modelText();
        if (scenario == Scenario.SPLICED_SINGLE_LEAF) {
            trained.close();
            String spliced = spliceSingleLeafTrees(text);
            return new TrainedScenario(
                    scenario,
                    spliced,
                    LightGbmModel.parse(spliced),
                    LightGbmReference.load(spliced, scenario.numFeatures()));
        }
        return new TrainedScenario(scenario, text, LightGbmModel.parse(text), trained);
    }

    /**
     * Inserts one-leaf trees, written the way LightGBM writes them, before the first tree, in the middle and
     * after the last tree, renumbering the blocks. The {@code tree_sizes} header line (byte offsets of the
     * blocks) is dropped; without it LightGBM reads the blocks one after another.
     */
    static String spliceSingleLeafTrees(String text) {
        int firstTree = text.indexOf("\nTree=0") + 1;
        int endOfTrees = text.indexOf("end of trees");
        String header = text.substring(0, firstTree).replaceAll("(?m)^tree_sizes=.*\\R", "");
        List<String> bodies = new ArrayList<>();
        for (String body : TREE_HEADER.split(text.substring(firstTree, endOfTrees))) {
            if (!body.isBlank()) {
                bodies.add(body);
            }
        }
        bodies.add(0, singleLeafBody("0.25"));
        bodies.add(bodies.size() / 2, singleLeafBody("-0.125"));
        bodies.add(singleLeafBody("0.0625"));
        StringBuilder spliced = new StringBuilder(header);
        for (int i = 0; i < bodies.size(); i++) {
            spliced.append("Tree=").append(i).append('\n').append(bodies.get(i));
        }
        return spliced.append(text.substring(endOfTrees)).toString();
    }

    private static String singleLeafBody(String value) {
        return "num_leaves=1\nnum_cat=0\nsplit_feature=\nsplit_gain=\nthreshold=\ndecision_type=\nleft_child=\n"
                + "right_child=\nleaf_value=" + value + "\nleaf_weight=0\nleaf_count=0\ninternal_value=\n"
                + "internal_weight=\ninternal_count=\nis_linear=0\nshrinkage=1\n\n\n";
    }
}

package com.example.credit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Malformed, truncated and unsupported model texts fail fast, naming the value and the rule. */
class ModelFormatTests {

    private static final String VALID = ModelFixtureTests.fixtureText();

    private static String replaceLine(String prefix, String replacement) {
        int start = VALID.indexOf("\n" + prefix) + 1;
        assertThat(start).as("fixture line %s", prefix).isPositive();
        int end = VALID.indexOf('\n', start);
        return VALID.substring(0, start) + replacement + VALID.substring(end);
    }

    private static void assertRejected(String text, String message) {
        assertThatThrownBy(() -> LightGbmModel.parse(text))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(message);
    }

    @Test
    void acceptsTheUnmodifiedFixture() {
        assertThat(LightGbmModel.parse(VALID).numTrees()).isEqualTo(5);
    }

    @Test
    void rejectsEmptyText() {
        assertRejected(" \n", "model text is empty, expected LightGBM's text format starting with 'tree'");
    }

    @Test
    void rejectsTextThatIsNotATextModel() {
        assertRejected(
                "{\"name\":\"tree\"}",
                "model text starts with '{\"name\":\"tree\"}', a LightGBM text model starts with the line 'tree'");
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertRejected(
                replaceLine("version=", "version=v5"),
                "model version 'v5' is not supported, this reader supports v3 and v4");
    }

    @Test
    void rejectsAMulticlassModel() {
        assertRejected(
                replaceLine("num_class=", "num_class=3"),
                "num_class=3 is not supported, this reader supports binary models (num_class=1), not multiclass");
    }

    @Test
    void rejectsAnotherObjective() {
        assertRejected(
                replaceLine("objective=", "objective=regression"),
                "objective 'regression' is not supported, this reader supports 'binary sigmoid:<s>' only");
    }

    @Test
    void rejectsABinaryObjectiveWithoutSigmoid() {
        assertRejected(
                replaceLine("objective=", "objective=binary"),
                "objective 'binary' has no sigmoid parameter, the binary objective writes 'sigmoid:<s>'");
    }

    @Test
    void rejectsARandomForest() {
        assertRejected(
                replaceLine("label_index=", "label_index=0\naverage_output"),
                "the header flag 'average_output' (random forest) is not supported,"
                        + " this reader sums tree outputs like gradient boosting");
    }

    @Test
    void rejectsLinearTrees() {
        assertRejected(
                replaceLine("is_linear=", "is_linear=1"),
                "tree 0: is_linear=1 is not supported, this reader supports constant-leaf trees only"
                        + " (train without linear_tree)");
    }

    @Test
    void rejectsFeatureNamesThatDoNotMatchMaxFeatureIdx() {
        assertRejected(
                replaceLine("feature_names=", "feature_names=amount rate purpose"),
                "feature_names has 3 values, max_feature_idx + 1 requires 4");
    }

    @Test
    void rejectsATruncatedModel() {
        String truncated = VALID.substring(0, VALID.indexOf("Tree=3"));

        assertRejected(truncated, "model text ends after 3 trees without the line 'end of trees', it is truncated");
    }

    @Test
    void rejectsATreeWithoutNumLeaves() {
        assertRejected(
                replaceLine("num_leaves=", "leaves=4"),
                "tree 0: the field 'num_leaves' is missing, a tree must have it");
    }

    @Test
    void rejectsAnArrayOfTheWrongLength() {
        assertRejected(
                replaceLine("threshold=", "threshold=0 0.5"), "tree 0: threshold has 2 values, num_leaves requires 3");
    }

    @Test
    void rejectsANumberThatIsNotANumber() {
        assertRejected(
                replaceLine("leaf_value=", "leaf_value=0.1 0x1p3 0.2 0.3"),
                "tree 0: leaf_value value '0x1p3' is not a number");
    }

    @Test
    void rejectsAChildOutsideTheTree() {
        assertRejected(
                replaceLine("right_child=", "right_child=1 2 -7"),
                "tree 0 split 2 has child -7 (leaf 6), the tree has 4 leaves");
    }

    @Test
    void rejectsALeafReachedTwice() {
        assertRejected(
                replaceLine("right_child=", "right_child=1 2 -3"),
                "tree 0 leaf 2 is referenced by 2 splits, every node but the root must have exactly one parent");
    }

    @Test
    void rejectsAnUnknownMissingType() {
        assertRejected(
                replaceLine("decision_type=", "decision_type=1 14 2"),
                "tree 0: missing type 3 is unknown, LightGBM defines 0 (None), 1 (Zero) and 2 (NaN)");
    }

    @Test
    void rejectsUnknownDecisionBits() {
        assertRejected(
                replaceLine("decision_type=", "decision_type=1 18 2"),
                "tree 0: split 1 has decision_type 18, only bits 0 (categorical), 1 (default left) and 2-3"
                        + " (missing type) are defined");
    }

    @Test
    void rejectsACategoricalSplitWithoutItsBitset() {
        assertRejected(
                replaceLine("cat_boundaries=", "cat_boundaries=0 2"),
                "tree 0: cat_threshold has 1 values, the last cat_boundaries entry requires 2");
    }

    @Test
    void rejectsTreesOutOfOrder() {
        assertRejected(VALID.replace("Tree=1\n", "Tree=2\n"), "tree block 'Tree=2' is out of order, expected Tree=1");
    }

    @Test
    void rejectsASplitOnAFeatureTheModelDoesNotHave() {
        assertRejected(
                replaceLine("split_feature=", "split_feature=2 0 9"),
                "tree 0: split 2 tests feature 9, the model has features 0..3");
    }
}

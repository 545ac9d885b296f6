package com.example.credit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The value records of a model validate what they hold and read the small formats of the header. */
class ModelRecordsTests {

    private static final SplitCondition.Numerical AT_ZERO = new SplitCondition.Numerical(0, MissingType.NONE, false);

    @Test
    void rejectsSplitsWhoseChildrenFormADetachedCycle() {
        // Split 1 is its own left child: every node has one parent, but the root never reaches split 1.
        List<Split> splits = List.of(new Split(0, AT_ZERO, -1, -2, 10), new Split(0, AT_ZERO, 1, -3, 5));
        List<Leaf> leaves = List.of(new Leaf(0.1, 5), new Leaf(0.2, 5), new Leaf(0.3, 5));

        assertThatThrownBy(() -> new Tree(4, splits, leaves, 1.0))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("tree 4 has splits that the root does not reach, its children form a cycle");
    }

    @Test
    void rejectsATreeWhoseRootIsAlsoAChild() {
        List<Split> splits = List.of(new Split(0, AT_ZERO, 0, -1, 10));
        List<Leaf> leaves = List.of(new Leaf(0.1, 5), new Leaf(0.2, 5));

        assertThatThrownBy(() -> new Tree(0, splits, leaves, 1.0))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(
                        "tree 0 split 0 has child 0, a child must be a leaf (negative) or a split other than the root"
                                + " below 1");
    }

    @Test
    void measuresTheDepthOfATree() {
        List<Split> splits = List.of(new Split(0, AT_ZERO, 1, -1, 10), new Split(1, AT_ZERO, -2, -3, 6));
        List<Leaf> leaves = List.of(new Leaf(0.1, 4), new Leaf(0.2, 3), new Leaf(0.3, 3));

        assertThat(new Tree(0, splits, leaves, 1.0).depth()).isEqualTo(2);
        assertThat(new Tree(1, List.of(), List.of(new Leaf(0.5, 0)), 1.0).depth())
                .isZero();
    }

    @Test
    void rejectsCategoriesOutOfOrder() {
        assertThatThrownBy(() -> new SplitCondition.Categorical(List.of(3, 1)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("left categories [3, 1] must be non-negative and strictly ascending, found 1 after 3");
    }

    @Test
    void rejectsANonFiniteLeafValue() {
        assertThatThrownBy(() -> new Leaf(Double.NaN, 3))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("leaf_value NaN must be finite");
    }

    @Test
    void readsTheThreeKindsOfFeatureInfo() {
        assertThat(FeatureInfo.parse("none")).isEqualTo(new FeatureInfo.Unused());
        assertThat(FeatureInfo.parse("[-1.5:2]")).isEqualTo(new FeatureInfo.Numerical(-1.5, 2));
        assertThat(FeatureInfo.parse("-1:3:0")).isEqualTo(new FeatureInfo.Categorical(List.of(-1, 3, 0)));
        assertThat(FeatureInfo.parse("-1:3:0").isCategorical()).isTrue();
    }

    @Test
    void rejectsAFeatureInfoOfNoKnownForm() {
        assertThatThrownBy(() -> FeatureInfo.parse("[1:2:3]"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("feature info '[1:2:3]' must look like [min:max]");
        assertThatThrownBy(() -> FeatureInfo.parse("a:b"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("feature info 'a:b' must be none, [min:max] or colon-separated category codes");
    }

    @Test
    void turnsARawScoreIntoAProbabilityWithTheSigmoidParameter() {
        Objective objective = Objective.parse("binary sigmoid:0.5");

        assertThat(objective.sigmoid()).isEqualTo(0.5);
        assertThat(objective.probability(0)).isEqualTo(0.5);
        assertThat(objective.probability(2)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-15));
    }

    @Test
    void readsTheNumberSpellingsOfCpp() {
        assertThat(ModelNumbers.parseDouble("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ModelNumbers.parseDouble("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ModelNumbers.parseDouble("1.0000000180025095e-35")).isEqualTo((double) 1e-35f);
        assertThatThrownBy(() -> ModelNumbers.parseDouble("1d")).isInstanceOf(NumberFormatException.class);
    }
}

package com.example.credit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed fixture model reads back with its structure and predicts like LightGBM loading the same file. */
class ModelFixtureTests {

    static String fixtureText() {
        try (InputStream in = ModelFixtureTests.class.getResourceAsStream("small-model.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsTheHeaderOfTheFixture() {
        LightGbmModel model = LightGbmModel.parse(fixtureText());

        assertThat(model.version()).isEqualTo("v4");
        assertThat(model.objective()).isEqualTo(new Objective("binary sigmoid:1", 1.0));
        assertThat(model.featureNames()).containsExactly("amount", "rate", "purpose", "duration");
        assertThat(model.numFeatures()).isEqualTo(4);
        assertThat(model.numTrees()).isEqualTo(5);
        assertThat(model.featureInfos().get(2)).isEqualTo(new FeatureInfo.Categorical(List.of(-1, 5, 3, 1, 4, 0, 2)));
        assertThat(model.featureInfos().get(0)).isInstanceOf(FeatureInfo.Numerical.class);
    }

    @Test
    void readsTheFirstTreeOfTheFixture() {
        Tree first = LightGbmModel.parse(fixtureText()).trees().get(0);

        assertThat(first.numLeaves()).isEqualTo(4);
        assertThat(first.splits().get(0))
                .isEqualTo(new Split(2, new SplitCondition.Categorical(List.of(0, 2, 4)), -1, 1, 1500));
        assertThat(first.splits().get(1).condition())
                .isEqualTo(new SplitCondition.Numerical(0.62739359186053678, MissingType.NONE, true));
        assertThat(first.leaves().get(0)).isEqualTo(new Leaf(0.19743862080765362, 719));
        assertThat(first.depth()).isEqualTo(3);
    }

    @Test
    void predictsLikeLightGbmLoadingTheSameFile() {
        String text = fixtureText();
        LightGbmModel model = LightGbmModel.parse(text);
        double[][] rows = ProbeRows.of(Scenario.SMALL, model, 2000, 81L);

        try (LightGbmReference lightGbm = LightGbmReference.load(text, model.numFeatures())) {
            double[] expected = lightGbm.predictRaw(rows);
            for (int r = 0; r < rows.length; r++) {
                assertThat(model.predictRaw(rows[r])).as("row %d", r).isEqualTo(expected[r]);
            }
        }
    }

    @Test
    void readsAModelFile() throws URISyntaxException {
        Path file =
                Path.of(ModelFixtureTests.class.getResource("small-model.txt").toURI());

        assertThat(LightGbmModel.read(file).featureNames()).containsExactly("amount", "rate", "purpose", "duration");
    }

    @Test
    void reportsAModelFileThatCannotBeRead(@TempDir Path directory) {
        Path missing = directory.resolve("model.txt");

        assertThatThrownBy(() -> LightGbmModel.read(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read LightGBM model file " + missing);
    }
}

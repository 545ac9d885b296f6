package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.batch.TestModel;
import com.example.credit.batch.runs.RunModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class RunCatalogTests {

    @TempDir
    Path temp;

    @Test
    void refusesAtStartARunWhoseFoldersDoNotExist() throws IOException {
        Path output = Files.createDirectories(temp.resolve("out"));

        assertThatThrownBy(() -> new RunCatalog(new DashboardProperties(
                        List.of(new DashboardProperties.Run("a", temp.resolve("missing"), null, null)), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard run 'a': output " + temp.resolve("missing") + " is not a folder");
        assertThatThrownBy(() -> new RunCatalog(new DashboardProperties(
                        List.of(new DashboardProperties.Run("a", output, temp.resolve("labels"), null)), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard run 'a': labels " + temp.resolve("labels") + " do not exist");
        assertThatThrownBy(() -> new RunCatalog(new DashboardProperties(
                        List.of(new DashboardProperties.Run("a", output, null, null, temp.resolve("protected"))),
                        null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard run 'a': protected attributes " + temp.resolve("protected") + " do not exist");
        assertThat(new RunCatalog(new DashboardProperties(
                                List.of(new DashboardProperties.Run("a", output, null, null)), null))
                        .runs())
                .hasSize(1);
    }

    @Test
    void saysWhenARunIsServedWithoutItsModelAndRefusesAnImpossibleThreshold() throws IOException {
        Path output = Files.createDirectories(temp.resolve("out"));
        RunCatalog catalog = new RunCatalog(
                new DashboardProperties(List.of(new DashboardProperties.Run("a", output, null, null)), null));

        assertThat(catalog.modelVersion("a")).isEqualTo("not recorded: the run is served without its model folder");
        assertThat(catalog.declineThreshold()).isEqualTo(0.5);
        assertThatThrownBy(() -> catalog.modelVersion("b")).isInstanceOf(UnknownRunException.class);
        assertThatThrownBy(() -> new DashboardProperties(List.of(), 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard.decline-threshold 1.5 must be a probability in (0, 1]");
    }

    @Test
    void indexesARunAgainWhenItIsServedWithProtectedAttributesItsIndexLacks() throws IOException {
        Path output = temp.resolve("out");
        com.example.credit.batch.runs.HandMadeRun.write(output);
        com.example.credit.batch.runs.HandMadeRun.writeProtected(temp.resolve("protected_test"));
        RunCatalog without = new RunCatalog(
                new DashboardProperties(List.of(new DashboardProperties.Run("a", output, null, null)), null));
        assertThat(without.run("a").hasProtectedGroups()).isFalse();

        RunCatalog with = new RunCatalog(new DashboardProperties(
                List.of(new DashboardProperties.Run("a", output, null, null, temp.resolve("protected_test"))), null));

        assertThat(with.run("a").hasProtectedGroups()).isTrue();
        assertThat(with.run("a").summary().path("protected").path("matched").asLong())
                .isEqualTo(9);
    }

    @Test
    void indexesARunAgainWhenItIsServedWithAModelItsIndexHasNoGlobalExplanationsOf() throws IOException {
        Path output = temp.resolve("out");
        com.example.credit.batch.runs.HandMadeRun.write(output);
        RunCatalog without = new RunCatalog(
                new DashboardProperties(List.of(new DashboardProperties.Run("a", output, null, null)), null));
        assertThat(without.run("a").summary().path("global").isNull()).isTrue();
        Path model = Files.createDirectories(temp.resolve("model"));
        Files.copy(TestModel.directory().resolve("model.txt"), model.resolve("model.txt"));

        RunCatalog with = new RunCatalog(
                new DashboardProperties(List.of(new DashboardProperties.Run("a", output, null, model)), null));

        assertThat(with.run("a").hasGlobalExplanationsOf(RunModel.read(model))).isTrue();
        assertThat(with.run("a").summary().path("global").path("rows").asLong()).isEqualTo(10);
        // A model folder without model.txt: the run opens, without global explanations, as it was.
        Path empty = Files.createDirectories(temp.resolve("empty-model"));
        RunCatalog unreadable = new RunCatalog(
                new DashboardProperties(List.of(new DashboardProperties.Run("a", output, null, empty)), null));
        assertThat(unreadable.run("a").summary().path("global").path("rows").asLong())
                .isEqualTo(10);
    }

    @Test
    void indexesARunAgainWhenItsIndexHoldsNoFairnessOfTheConfiguredSettings() throws IOException {
        Path output = temp.resolve("out");
        com.example.credit.batch.runs.HandMadeRun.write(output);
        com.example.credit.batch.runs.HandMadeRun.writeLabels(temp.resolve("label_test"));
        com.example.credit.batch.runs.HandMadeRun.writeProtected(temp.resolve("protected_test"));
        List<DashboardProperties.Run> runs = List.of(new DashboardProperties.Run(
                "a", output, temp.resolve("label_test"), null, temp.resolve("protected_test")));
        RunCatalog standard = new RunCatalog(new DashboardProperties(runs, null));
        assertThat(standard.run("a")
                        .summary()
                        .path("fairness")
                        .path("settings")
                        .path("facets")
                        .size())
                .isEqualTo(10);
        // A file the index step would not keep: it survives only as long as the index does.
        Path marker = Files.writeString(output.resolve(".dashboard/kept"), "");

        RunCatalog same = new RunCatalog(new DashboardProperties(runs, null));
        assertThat(same.run("a").hasFairness()).isTrue();
        assertThat(marker).as("an index of these settings is used as it is").exists();

        RunCatalog other = new RunCatalog(new DashboardProperties(
                runs, 0.3, null, null, new DashboardProperties.Bias("personal__gender=female", "none")));
        JsonNode settings = other.run("a").summary().path("fairness").path("settings");
        assertThat(settings.path("facets").toString()).isEqualTo("[\"personal__gender=female\"]");
        assertThat(settings.path("group_variable").isNull()).isTrue();
        assertThat(settings.path("approval_threshold").asDouble()).isEqualTo(0.3);
        assertThat(marker).doesNotExist();
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void logsCountsOnlyWhenItIndexesARunWithItsFairness(org.springframework.boot.test.system.CapturedOutput output)
            throws IOException {
        Path run = temp.resolve("out");
        com.example.credit.batch.runs.HandMadeRun.write(run);
        com.example.credit.batch.runs.HandMadeRun.writeLabels(temp.resolve("label_test"));
        com.example.credit.batch.runs.HandMadeRun.writeProtected(temp.resolve("protected_test"));

        new RunCatalog(new DashboardProperties(
                        List.of(new DashboardProperties.Run(
                                "a", run, temp.resolve("label_test"), null, temp.resolve("protected_test"))),
                        null))
                .run("a");

        assertThat(output.getOut())
                .contains("indexed run a: 10 applicants in ")
                .contains(", with protected groups (for the filter) and the fairness aggregates")
                .doesNotContain("female", "married", "single", "divorced", "widowed", "personal__");
    }

    @Test
    void refusesAtStartFairnessSettingsItCannotUse() throws IOException {
        Path output = Files.createDirectories(temp.resolve("out"));
        List<DashboardProperties.Run> analysed =
                List.of(new DashboardProperties.Run("a", output, null, null, temp.resolve("protected_test")));

        assertThatThrownBy(() -> new DashboardProperties(
                        List.of(), null, null, null, new DashboardProperties.Bias("personal__gender=femal", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard.bias (approval threshold: dashboard.decline-threshold 0.5): facet"
                        + " personal__gender=femal names no group of personal__gender; its groups are [female, male]");
        assertThatThrownBy(() -> new DashboardProperties(analysed, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dashboard.bias (approval threshold: dashboard.decline-threshold 1.0): the approval"
                        + " threshold 1.0 must lie strictly between 0 and 1: the bias metrics need both approvals and"
                        + " rejections to be possible");
        // Without protected attributes the decline threshold may be 1: no bias metric uses it.
        assertThat(new DashboardProperties(List.of(), 1.0).declineThreshold()).isEqualTo(1.0);
    }
}

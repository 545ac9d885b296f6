package com.example.credit.batch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}

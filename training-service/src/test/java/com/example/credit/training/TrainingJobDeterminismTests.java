package com.example.credit.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.core.layout.PreparedLayout.Channel;
import com.example.credit.core.schema.FeatureCatalog;
import com.example.credit.training.config.Hyperparameters;
import com.example.credit.training.data.ChannelLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingJobDeterminismTests {

    @TempDir
    Path temp;

    private final List<String> log = new ArrayList<>();

    private Path train(Path prepared, String name, Map<String, String> hyperparameters) {
        Path model = temp.resolve(name);
        new TrainingJob(FeatureCatalog.standard(), log::add)
                .run(new TrainingRequest(new ChannelLayout(prepared), model, Hyperparameters.parse(hyperparameters)));
        return model;
    }

    @Test
    void trainsByteIdenticalModelAndManifestFromTheSameDataAndSeed() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));

        Path first = train(prepared, "first", OptMlFixture.QUICK);
        Path second = train(prepared, "second", OptMlFixture.QUICK);

        assertThat(Files.readAllBytes(second.resolve("model.txt")))
                .isEqualTo(Files.readAllBytes(first.resolve("model.txt")));
        assertThat(Files.readAllBytes(second.resolve("model.json")))
                .isEqualTo(Files.readAllBytes(first.resolve("model.json")));
        for (String reference : List.of("background.jsonl", "approved.jsonl")) {
            assertThat(Files.readAllBytes(second.resolve(reference)))
                    .as(reference)
                    .isEqualTo(Files.readAllBytes(first.resolve(reference)));
        }
    }

    @Test
    void trainsTheSameModelWhateverTheLineOrderOfDataAndLabels() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path reference = train(prepared, "reference", OptMlFixture.QUICK);
        // Labels reversed and data parts swapped: the rows join by row_id, not by position.
        for (Channel channel : List.of(Channel.LABEL_TRAIN, Channel.LABEL_TEST)) {
            Path part = prepared.resolve(channel.folder()).resolve("part-00000.json");
            List<String> lines = new ArrayList<>(Files.readAllLines(part));
            Collections.reverse(lines);
            Files.write(part, lines);
        }
        Path data = prepared.resolve(Channel.DATA_TRAIN.folder());
        Files.move(data.resolve("part-00000.json"), data.resolve("part-00002.json"));

        Path shuffled = train(prepared, "shuffled", OptMlFixture.QUICK);

        assertThat(Files.readString(shuffled.resolve("model.txt")))
                .isEqualTo(Files.readString(reference.resolve("model.txt")));
        assertThat(Files.readString(shuffled.resolve("background.jsonl")))
                .isEqualTo(Files.readString(reference.resolve("background.jsonl")));
        assertThat(Files.readString(shuffled.resolve("approved.jsonl")))
                .isEqualTo(Files.readString(reference.resolve("approved.jsonl")));
    }

    @Test
    void trainsAnotherModelWithAnotherSeed() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Map<String, String> bagged =
                Map.of("tree-n-estimators", "10", "cv-splits", "2", "bagging-fraction", "0.7", "bagging-freq", "1");
        Map<String, String> reseeded = new HashMap<>(bagged);
        reseeded.put("seed", "7");

        Path first = train(prepared, "first", bagged);
        Path second = train(prepared, "second", reseeded);

        assertThat(Files.readString(second.resolve("model.txt")))
                .isNotEqualTo(Files.readString(first.resolve("model.txt")));
    }

    @Test
    void digestsTheTrainingFilesSoOtherDataGivesAnotherDigest() throws IOException {
        Path prepared = PreparedDataFixture.write(temp.resolve("prepared"));
        Path other = temp.resolve("other");
        PreparedDataFixture.write(other, 400, 100, 8);

        String first =
                Files.readString(train(prepared, "first", OptMlFixture.QUICK).resolve("model.json"));
        String second =
                Files.readString(train(other, "second", OptMlFixture.QUICK).resolve("model.json"));

        assertThat(sha256Of(first)).hasSize(64).isNotEqualTo(sha256Of(second));
    }

    private static String sha256Of(String manifest) {
        // The training data's digest, not those of the reference files listed after it.
        return manifest.replaceAll("(?s).*\"training_data\" : \\{[^}]*\"sha256\" : \"([0-9a-f]+)\".*", "$1");
    }
}

package com.example.credit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The checks every pipeline run's batch output must pass, whichever runtime explained it. */
final class BatchOutputs {

    private BatchOutputs() {}

    /**
     * One output line per input line of {@code dataTest}, in input order (same row id), each with 20 SHAP values
     * that add up with the expected value to the raw score, and the prediction its logistic.
     */
    static void assertExplainedInOrderAndAdditively(Path dataTest, Path batch, int expected) throws IOException {
        List<String> inputs = lines(dataTest);
        List<String> outputs = lines(batch);
        assertThat(outputs).hasSize(inputs.size()).hasSize(expected);
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode input = JsonMapper.shared().readTree(inputs.get(i));
            JsonNode output = JsonMapper.shared().readTree(outputs.get(i));
            assertThat(output.get("row_id")).isEqualTo(input.get("row_id"));
            JsonNode explanation = output.path("SageMakerOutput").path("explanation_shap_values");
            double sum = explanation.path("expected_value").asDouble();
            for (JsonNode phi : explanation.path("shap_values").values()) {
                sum += phi.asDouble();
            }
            double rawScore = explanation.path("raw_score").asDouble();
            assertThat(sum).as("additivity of record %d", i).isCloseTo(rawScore, within(1e-9));
            assertThat(output.path("SageMakerOutput").path("prediction").asDouble())
                    .isCloseTo(1 / (1 + Math.exp(-rawScore)), within(1e-12));
            assertThat(explanation.path("shap_values").size()).isEqualTo(20);
        }
    }

    /** The non-blank lines of a folder's part files, in file order. */
    static List<String> lines(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .flatMap(file -> {
                        try {
                            return Files.readAllLines(file).stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .filter(line -> !line.isBlank())
                    .toList();
        }
    }
}

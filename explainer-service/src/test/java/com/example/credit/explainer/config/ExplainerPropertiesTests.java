package com.example.credit.explainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainerPropertiesTests {

    @Test
    void advisesBatchTransformMiniBatchesWithinThePayloadLimit() {
        ExplainerProperties properties = properties(6, 6);

        assertThat(properties.batchPayloadMb()).isEqualTo(6);
        assertThat(properties.maxPayloadBytes()).isEqualTo(6L * 1024 * 1024);
    }

    @Test
    void refusesToAdviseMiniBatchesLargerThanTheExplainerAccepts() {
        assertThatThrownBy(() -> properties(6, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("explainer.batch-payload-mb is 7, more than explainer.max-payload-mb (6): Batch Transform"
                        + " would be advised requests the explainer refuses");
    }

    private static ExplainerProperties properties(int maxPayloadMb, int batchPayloadMb) {
        return new ExplainerProperties(
                Path.of("/opt/ml/model"),
                maxPayloadMb,
                2,
                batchPayloadMb,
                List.of("prediction"),
                4,
                1000,
                1_000_000_000L);
    }
}

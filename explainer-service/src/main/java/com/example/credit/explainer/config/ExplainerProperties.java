package com.example.credit.explainer.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the explainer can be told, under the prefix {@code explainer}. {@code application.properties} maps
 * the SageMaker environment onto it: {@code MODEL_DIR} onto {@code explainer.model-dir}.
 *
 * @param modelDir the model directory (model.txt, model.json, data.schema.json, label.schema.json)
 * @param maxPayloadMb the largest request body accepted, in MB (SageMaker's real-time limit is 6 MB)
 * @param maxConcurrentTransforms what {@code /execution-parameters} advises Batch Transform to send at once
 * @param batchPayloadMb the MaxPayloadInMB {@code /execution-parameters} advises Batch Transform, at most
 *     {@code maxPayloadMb}: a 1 MB mini-batch (about 1,700 records) gets an answer of about 5 MB, and stays inside the
 *     interventional limit against 200 reference rows; 6 MB ones got 27 MB answers, which a client holds while it
 *     writes them (docs/performance.md)
 * @param defaultEntities the entities returned when a request names none
 * @param reasonCount how many reason codes a record gets (the k of "top k")
 * @param maxReferenceRows the most rows a reference population of the model may have (more stop the service at
 *     start); training writes at most 1000
 * @param maxInterventionalWork the most records × reference rows × model leaves one interventional request may ask
 *     for, which keeps a request inside SageMaker's 60 s invocation limit (a larger one gets a 400 naming the limit)
 */
@Validated
@ConfigurationProperties("explainer")
public record ExplainerProperties(
        @NotNull @DefaultValue("/opt/ml/model") Path modelDir,
        @Min(1) @Max(100) @DefaultValue("6") int maxPayloadMb,
        @Min(1) @Max(64) @DefaultValue("2") int maxConcurrentTransforms,
        @Min(1) @Max(100) @DefaultValue("1") int batchPayloadMb,

        @NotEmpty @DefaultValue({"prediction", "explanation_shap_values", "reasons"})
        List<String> defaultEntities,

        @Min(1) @Max(20) @DefaultValue("4") int reasonCount,
        @Min(1) @Max(100_000) @DefaultValue("1000") int maxReferenceRows,

        @Min(1) @Max(1_000_000_000_000L) @DefaultValue("1000000000")
        long maxInterventionalWork) {

    public ExplainerProperties {
        defaultEntities = defaultEntities == null ? null : List.copyOf(defaultEntities);
        if (batchPayloadMb > maxPayloadMb) {
            throw new IllegalArgumentException("explainer.batch-payload-mb is " + batchPayloadMb
                    + ", more than explainer.max-payload-mb (" + maxPayloadMb
                    + "): Batch Transform would be advised requests the explainer refuses");
        }
    }

    /** The payload limit in bytes. */
    public long maxPayloadBytes() {
        return maxPayloadMb * 1024L * 1024L;
    }
}

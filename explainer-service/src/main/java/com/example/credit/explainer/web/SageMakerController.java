package com.example.credit.explainer.web;

import com.example.credit.explainer.config.ExplainerProperties;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The two small routes of SageMaker's hosting contract besides {@code /invocations}. */
@RestController
public class SageMakerController {

    private final ExecutionParameters executionParameters;

    public SageMakerController(ExplainerProperties properties) {
        this.executionParameters = new ExecutionParameters(
                properties.maxConcurrentTransforms(), "MultiRecord", properties.batchPayloadMb());
    }

    /**
     * Health check. The model is loaded while the application context starts and the server only listens once
     * that has succeeded, so answering at all means the model is loaded: no work is needed here.
     */
    @Operation(summary = "Health check for SageMaker: 200 once the model is loaded; does no work")
    @GetMapping("/ping")
    public ResponseEntity<Void> ping() {
        return ResponseEntity.ok().build();
    }

    @Operation(
            summary =
                    "Batch Transform tuning: concurrency, batch strategy and mini-batch size (within the payload limit)")
    @GetMapping("/execution-parameters")
    public ExecutionParameters executionParameters() {
        return executionParameters;
    }
}

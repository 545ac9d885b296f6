package com.example.credit.explainer.web;

import com.example.credit.core.shap.InterventionalShap;
import com.example.credit.explainer.ExplainerException;
import com.example.credit.explainer.config.ExplainerProperties;
import com.example.credit.explainer.explain.ExplanationMethod;
import com.example.credit.explainer.explain.ProbabilityView;
import com.example.credit.explainer.explain.ReasonCodes;
import com.example.credit.explainer.invocation.Entity;
import com.example.credit.explainer.invocation.EntitySelection;
import com.example.credit.explainer.invocation.InterventionalLimitException;
import com.example.credit.explainer.model.ModelBundle;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the served model is and what it expects: the features as the stored schema describes them (the page
 * builds its form from this), the schema itself, and an example application.
 */
@RestController
@RequestMapping("/model")
public class ModelInfoController {

    private static final String EXAMPLE = "/com/example/credit/core/schema/example-application.json";

    private final ModelBundle bundle;
    private final ExplainerProperties properties;
    private final EntitySelection defaultEntities;
    private final String example;

    public ModelInfoController(ModelBundle bundle, ExplainerProperties properties, EntitySelection defaultEntities) {
        this.bundle = bundle;
        this.properties = properties;
        this.defaultEntities = defaultEntities;
        this.example = readExample();
    }

    @Operation(summary = "The served model: features with titles, descriptions, groups and allowed values")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ModelDescription model() {
        return new ModelDescription(
                bundle.directory().toString(),
                bundle.model().objective().text(),
                bundle.model().numTrees(),
                bundle.shap().expectedValue(),
                bundle.manifest().metrics(),
                Entity.wireNames(),
                defaultEntities.canonical(),
                properties.reasonCount(),
                ReasonCodes.METHOD_VERSION,
                ProbabilityView.method(bundle.manifest().calibration()),
                ExplanationMethod.wireNames(),
                bundle.references().values().stream()
                        .map(reference -> new ModelDescription.ReferenceDescription(
                                reference.name(),
                                reference.set().description(),
                                reference.rows(),
                                reference.set().sha256(),
                                reference.shap().expectedValue(),
                                reference.shap().expectedProbability(),
                                InterventionalShap.PROBABILITY_METHOD,
                                InterventionalLimitException.maxRecords(
                                        reference.rows(),
                                        bundle.model().forest().numLeaves(),
                                        properties.maxInterventionalWork())))
                        .toList(),
                bundle.model().forest().numLeaves(),
                properties.maxInterventionalWork(),
                bundle.catalog().features().stream()
                        .map(ModelDescription.FeatureDescription::of)
                        .toList());
    }

    @Operation(summary = "The JSON Schema (draft 2020-12) of one application, as stored beside the model")
    @GetMapping(path = "/schema", produces = "application/schema+json")
    public ResponseEntity<String> schema() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/schema+json"))
                .body(bundle.catalog().dataSchemaJson());
    }

    @Operation(summary = "An example application that conforms to the schema")
    @GetMapping(path = "/example-application", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> exampleApplication() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(example);
    }

    private static String readExample() {
        try (InputStream in = ModelInfoController.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new ExplainerException("example application " + EXAMPLE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExplainerException("cannot read example application " + EXAMPLE + ": " + e.getMessage(), e);
        }
    }
}

package com.example.credit.explainer.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.credit.explainer.explain.ExplanationMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationOptionsTests {

    private static final EntitySelection DEFAULTS = EntitySelection.of(List.of("prediction", "reasons"));

    @Test
    void readsEntitiesFromTheContentTypeInResponseOrder() {
        InvocationOptions options = InvocationOptions.resolve(
                "text/csv; entities=reasons, prediction ,data; charset=utf-8", null, DEFAULTS);

        assertThat(options.format()).isEqualTo(RequestFormat.CSV);
        assertThat(options.entities().canonical()).isEqualTo("data,prediction,reasons");
        assertThat(options.explanationFormat()).isEqualTo(ExplanationFormat.STANDARD);
    }

    @Test
    void readsQuotedParameters() {
        InvocationOptions options =
                InvocationOptions.resolve("application/json;entities=\"features,descriptions\"", null, DEFAULTS);

        assertThat(options.entities().canonical()).isEqualTo("features,descriptions");
    }

    @Test
    void fallsBackToTheCustomAttributesThenToTheDefault() {
        assertThat(InvocationOptions.resolve(
                                "application/jsonlines",
                                "trace=1; entities=explanation_shap_values; explanation_format=clarify",
                                DEFAULTS)
                        .entities()
                        .canonical())
                .isEqualTo("explanation_shap_values");
        assertThat(InvocationOptions.resolve("application/jsonlines", "explanation_format=clarify", DEFAULTS)
                        .explanationFormat())
                .isEqualTo(ExplanationFormat.CLARIFY);
        assertThat(InvocationOptions.resolve("application/json", null, DEFAULTS).entities())
                .isEqualTo(DEFAULTS);
    }

    @Test
    void acceptsTheCommonJsonLinesAliases() {
        assertThat(InvocationOptions.resolve("application/x-jsonlines", null, DEFAULTS)
                        .format())
                .isEqualTo(RequestFormat.JSON_LINES);
        assertThat(InvocationOptions.resolve("Application/JSONL", null, DEFAULTS)
                        .format())
                .isEqualTo(RequestFormat.JSON_LINES);
    }

    @Test
    void rejectsAnUnknownEntityNamingTheAllowedOnes() {
        assertThatThrownBy(() -> InvocationOptions.resolve("application/json;entities=prediction,shap", null, DEFAULTS))
                .isInstanceOf(UnknownEntityException.class)
                .hasMessage("unknown entity 'shap'; allowed entities are data, features, descriptions, prediction, "
                        + "explanation_shap_values, explanation_shap_interaction_values, reasons");
    }

    @Test
    void rejectsAnEmptyEntityList() {
        assertThatThrownBy(() -> InvocationOptions.resolve("application/json;entities=", null, DEFAULTS))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("entities must name at least one of data, features");
    }

    @Test
    void rejectsMissingAndUnsupportedContentTypes() {
        assertThatThrownBy(() -> InvocationOptions.resolve(null, null, DEFAULTS))
                .isInstanceOf(UnsupportedContentTypeException.class)
                .hasMessageStartingWith("the request has no Content-Type");
        assertThatThrownBy(() -> InvocationOptions.resolve("text/plain;entities=data", null, DEFAULTS))
                .isInstanceOf(UnsupportedContentTypeException.class)
                .hasMessage("Content-Type 'text/plain' is not supported; send one of application/json, "
                        + "application/jsonlines, text/csv");
    }

    @Test
    void readsTheMethodAndReferenceFromTheContentTypeOrTheCustomAttributeAsEntitiesAre() {
        InvocationOptions fromContentType = InvocationOptions.resolve(
                "application/jsonlines;explanation_method=interventional;reference=approved", null, DEFAULTS);
        InvocationOptions fromAttribute = InvocationOptions.resolve(
                "application/json", "explanation_method=Interventional; reference=\"approved\"", DEFAULTS);
        InvocationOptions contentTypeWins = InvocationOptions.resolve(
                "application/json;explanation_method=interventional;reference=approved",
                "explanation_method=path_dependent;reference=background",
                DEFAULTS);

        assertThat(fromContentType.method()).isEqualTo(ExplanationMethod.INTERVENTIONAL);
        assertThat(fromContentType.referenceName()).hasValue("approved");
        assertThat(fromAttribute.method()).isEqualTo(ExplanationMethod.INTERVENTIONAL);
        assertThat(fromAttribute.referenceName()).hasValue("approved");
        assertThat(contentTypeWins.method()).isEqualTo(ExplanationMethod.INTERVENTIONAL);
        assertThat(contentTypeWins.referenceName()).hasValue("approved");
    }

    @Test
    void explainsPathDependentWithoutAReferenceByDefault() {
        InvocationOptions options = InvocationOptions.resolve("application/json", null, DEFAULTS);

        assertThat(options.method()).isEqualTo(ExplanationMethod.PATH_DEPENDENT);
        assertThat(options.referenceName()).isEmpty();
    }

    @Test
    void refusesAnUnknownMethodAndAReferenceWithoutTheInterventionalMethod() {
        assertThatThrownBy(() -> InvocationOptions.resolve("application/json;explanation_method=exact", null, DEFAULTS))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("explanation_method 'exact' is not one of path_dependent, interventional");
        assertThatThrownBy(() -> InvocationOptions.resolve("application/json", "reference=approved", DEFAULTS))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("reference=approved applies to explanation_method=interventional only: path_dependent"
                        + " explanations are relative to the training data as the trees saw it, not to a reference"
                        + " set");
    }

    @Test
    void readsTheOriginalSamplesShape() {
        assertThat(InvocationOptions.resolve("application/json;explanation_format=original", null, DEFAULTS)
                        .explanationFormat())
                .isEqualTo(ExplanationFormat.ORIGINAL);
        assertThatThrownBy(() -> ExplanationFormat.fromOption("originals"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("explanation_format 'originals' is not one of standard, clarify, original");
    }
}

package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class NagComplianceTests {

    @Test
    void defaultAppHasNoUnsuppressedAwsSolutionsErrorsOrWarnings() {
        assertThat(SynthesizedApp.defaults().nagFindings()).isEmpty();
    }

    @Test
    void appWithEndpointHasNoUnsuppressedAwsSolutionsErrorsOrWarnings() {
        assertThat(SynthesizedApp.withEndpoint().nagFindings()).isEmpty();
    }

    @Test
    void appWithFixedFleetEndpointHasNoUnsuppressedAwsSolutionsErrorsOrWarnings() {
        assertThat(SynthesizedApp.withFixedFleetEndpoint().nagFindings()).isEmpty();
    }

    @Test
    void everySuppressionNamesOneRuleAndGivesAWrittenReason() {
        List<Map<String, Object>> suppressions = new ArrayList<>();
        for (SynthesizedApp app : List.of(SynthesizedApp.withEndpoint(), SynthesizedApp.withFixedFleetEndpoint())) {
            for (Template template : app.templates()) {
                suppressions.addAll(suppressions(template));
            }
        }
        assertThat(suppressions).isNotEmpty().allSatisfy(suppression -> {
            assertThat((String) suppression.get("id")).matches("AwsSolutions-[A-Z0-9]+");
            assertThat((String) suppression.get("reason")).hasSizeGreaterThan(60);
        });
    }

    @Test
    void wildcardSuppressionsAreScopedToNamedFindings() {
        for (Template template : SynthesizedApp.withEndpoint().templates()) {
            assertThat(suppressions(template))
                    .filteredOn(suppression -> suppression.get("id").equals("AwsSolutions-IAM5"))
                    .allSatisfy(suppression ->
                            assertThat((List<?>) suppression.get("applies_to")).isNotEmpty());
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> suppressions(Template template) {
        List<Map<String, Object>> found = new ArrayList<>();
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        for (Object resource : resources.values()) {
            Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) resource).get("Metadata");
            if (metadata != null && metadata.get("cdk_nag") instanceof Map<?, ?> nag) {
                found.addAll((List<Map<String, Object>>) nag.get("rules_to_suppress"));
            }
        }
        return found;
    }
}

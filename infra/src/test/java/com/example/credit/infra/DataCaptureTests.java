package com.example.credit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.infra.PolicyStatements.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DataCaptureTests {

    @Test
    void captureSamplesInputAndOutputIntoTheDatacapturePrefixOfTheDataBucket() {
        Template template = SynthesizedApp.withEndpoint().model();
        template.hasResourceProperties(
                "AWS::SageMaker::EndpointConfig",
                Match.objectLike(Map.of(
                        "DataCaptureConfig",
                        Map.of(
                                "EnableCapture", true,
                                "InitialSamplingPercentage", 25,
                                "CaptureOptions",
                                        List.of(Map.of("CaptureMode", "Input"), Map.of("CaptureMode", "Output")),
                                "DestinationS3Uri",
                                        Map.of(
                                                "Fn::Join",
                                                List.of(
                                                        "",
                                                        List.of(
                                                                "s3://",
                                                                Map.of(
                                                                        "Fn::ImportValue",
                                                                        Match.stringLikeRegexp(
                                                                                "^CreditData:ExportsOutputRefDataBucket.*")),
                                                                "/datacapture/"))),
                                "CaptureContentTypeHeader",
                                        Map.of(
                                                "JsonContentTypes",
                                                        List.of("application/json", "application/jsonlines"),
                                                "CsvContentTypes", List.of("text/csv"))))));
        assertThat(template.findOutputs("*")).containsKey("DataCaptureUri");
    }

    @Test
    void executionRoleMayPutObjectsBelowDatacaptureOnlyWhileCaptureIsOn() {
        assertThat(PolicyStatements.of(SynthesizedApp.withEndpoint().model()))
                .filteredOn(statement -> statement.sid().equals("WriteDataCapture"))
                .singleElement()
                .satisfies(statement -> {
                    assertThat(statement.actions()).containsExactly("s3:PutObject");
                    assertThat(statement.resources()).singleElement().asString().endsWith("/datacapture/*]]}");
                });
        for (SynthesizedApp app : List.of(SynthesizedApp.defaults(), SynthesizedApp.withFixedFleetEndpoint())) {
            assertThat(PolicyStatements.of(app.model()))
                    .flatMap(Statement::resources)
                    .noneMatch(resource -> resource.contains("datacapture"));
        }
    }

    @Test
    void captureIsOffUnlessTheContextAsksForIt() {
        SynthesizedApp.withFixedFleetEndpoint()
                .model()
                .hasResourceProperties("AWS::SageMaker::EndpointConfig", Map.of("DataCaptureConfig", Match.absent()));
        assertThat(SynthesizedApp.withFixedFleetEndpoint().model().findOutputs("*"))
                .doesNotContainKey("DataCaptureUri");
    }

    @Test
    void withoutAnEndpointTheCaptureFlagGrantsNothing() {
        SynthesizedApp app = SynthesizedApp.shared(Map.of("dataCapture", "true"));
        assertThat(PolicyStatements.of(app.model()))
                .flatMap(Statement::resources)
                .noneMatch(resource -> resource.contains("datacapture"));
    }
}

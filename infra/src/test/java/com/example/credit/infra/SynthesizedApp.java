package com.example.credit.infra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * A synthesized app: the stacks, their templates, and the cdk-nag findings left unsuppressed. Synthesis (asset
 * staging, cdk-nag, the jsii runtime) takes seconds, so the test classes share one app per context.
 */
record SynthesizedApp(CreditStacks stacks, Template data, Template etl, Template model, Template operator) {

    private static final Map<Map<String, Object>, SynthesizedApp> CACHE = new ConcurrentHashMap<>();

    /** The app as {@code cdk synth} builds it without context: no endpoint. */
    static SynthesizedApp defaults() {
        return shared(Map.of());
    }

    /**
     * The app with an endpoint and every operations feature from the command line: {@code -c endpoint=true
     * -c endpointInstanceType=ml.c5.xlarge -c endpointInstanceCount=2} (so at least 2 instances), at most 6, a
     * target of 9000 invocations per instance, a 120 s scale-out cooldown, data capture of 25 % and alarm mail.
     */
    static SynthesizedApp withEndpoint() {
        return shared(Map.of(
                "endpoint", "true",
                "endpointInstanceType", "ml.c5.xlarge",
                "endpointInstanceCount", "2",
                "endpointMaxInstances", "6",
                "endpointTargetInvocationsPerInstance", "9000",
                "endpointScaleOutCooldownSeconds", "120",
                "dataCapture", "true",
                "dataCaptureSamplePercent", "25",
                "alarmEmail", "ops@example.com"));
    }

    /**
     * The app with an endpoint of one fixed ml.m5.large ({@code endpointMaxInstances=1}: no scaling), no data capture,
     * no alarm mail, and alarm thresholds of its own, as typed cdk.json values.
     */
    static SynthesizedApp withFixedFleetEndpoint() {
        return shared(Map.of(
                "endpoint", true,
                "endpointMaxInstances", 1,
                "alarm4xxRatePercent", 10,
                "alarm5xxRatePercent", 2.5,
                "alarmModelLatencyP99Millis", 150,
                "alarmCpuUtilizationPercent", 70));
    }

    /** The app with the given context, synthesized once per context for all test classes. */
    static SynthesizedApp shared(Map<String, Object> context) {
        return CACHE.computeIfAbsent(context, SynthesizedApp::synthesize);
    }

    /** Builds the app exactly as {@link CreditApp} does, with the given context, from the built jars. */
    static SynthesizedApp synthesize(Map<String, Object> context) {
        App app = CreditStacks.newApp(context);
        CreditStacks stacks = CreditStacks.create(
                app,
                AppSettings.fromContext(app.getNode()::tryGetContext),
                DeployArtifacts.locate(app.getNode()::tryGetContext));
        return new SynthesizedApp(
                stacks,
                Template.fromStack(stacks.data()),
                Template.fromStack(stacks.etl()),
                Template.fromStack(stacks.model()),
                Template.fromStack(stacks.operator()));
    }

    /** The four templates, for checks that hold across stacks. */
    List<Template> templates() {
        return List.of(data, etl, model, operator);
    }

    List<Stack> all() {
        return List.of(stacks.data(), stacks.etl(), stacks.model(), stacks.operator());
    }

    /** Unsuppressed AwsSolutions errors and warnings of every stack, as "stack path: message" lines. */
    List<String> nagFindings() {
        return all().stream()
                .flatMap(stack -> {
                    Annotations annotations = Annotations.fromStack(stack);
                    return Stream.concat(
                                    annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream(),
                                    annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                            .map(SynthesizedApp::describe);
                })
                .toList();
    }

    // Annotations.findError/findWarning return this cx-api type, deprecated without a replacement there.
    @SuppressWarnings("deprecation")
    private static String describe(SynthesisMessage message) {
        return message.getId() + ": " + message.getEntry().getData();
    }
}

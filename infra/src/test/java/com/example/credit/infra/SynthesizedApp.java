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
record SynthesizedApp(CreditStacks stacks, Template data, Template etl, Template model) {

    private static final Map<Map<String, Object>, SynthesizedApp> CACHE = new ConcurrentHashMap<>();

    /** The app as {@code cdk synth} builds it without context: no endpoint. */
    static SynthesizedApp defaults() {
        return shared(Map.of());
    }

    /** The app with {@code -c endpoint=true -c endpointInstanceType=ml.c5.xlarge -c endpointInstanceCount=2}. */
    static SynthesizedApp withEndpoint() {
        return shared(Map.of("endpoint", "true", "endpointInstanceType", "ml.c5.xlarge", "endpointInstanceCount", "2"));
    }

    private static SynthesizedApp shared(Map<String, Object> context) {
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
                Template.fromStack(stacks.model()));
    }

    /** The three templates, for checks that hold across stacks. */
    List<Template> templates() {
        return List.of(data, etl, model);
    }

    List<Stack> all() {
        return List.of(stacks.data(), stacks.etl(), stacks.model());
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

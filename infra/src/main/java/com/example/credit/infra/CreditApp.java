package com.example.credit.infra;

import java.util.Map;
import software.amazon.awscdk.App;

/** The CDK app's entry point ({@code cdk.json}): reads the context, builds the stacks, synthesizes. */
public final class CreditApp {

    private CreditApp() {}

    public static void main(String[] args) {
        App app = CreditStacks.newApp(Map.of());
        CreditStacks.create(
                app,
                AppSettings.fromContext(app.getNode()::tryGetContext),
                DeployArtifacts.locate(app.getNode()::tryGetContext));
        app.synth();
    }
}

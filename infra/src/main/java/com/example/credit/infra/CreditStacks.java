package com.example.credit.infra;

import com.example.credit.infra.data.DataProps;
import com.example.credit.infra.data.DataStack;
import com.example.credit.infra.etl.EtlProps;
import com.example.credit.infra.etl.EtlStack;
import com.example.credit.infra.model.ModelProps;
import com.example.credit.infra.model.ModelStack;
import com.example.credit.infra.operator.OperatorProps;
import com.example.credit.infra.operator.OperatorStack;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The four stacks of the app and how they are wired: the ETL and model stacks grant on the data stack's bucket, the
 * operator stack's policy names resources of the other three, and cdk-nag's AwsSolutions pack checks all of them.
 *
 * @param data the bucket and the datagen Lambda
 * @param etl the Glue database, job and workflow
 * @param model the ECR repositories, the SageMaker role and the optional endpoint
 * @param operator the managed policy for running the pipeline on AWS
 */
public record CreditStacks(DataStack data, EtlStack etl, ModelStack model, OperatorStack operator) {

    /** The stack ids, which are also the stack names; {@code run-pipeline.sh --target aws} reads the first three. */
    public static final String DATA = "CreditData";

    public static final String ETL = "CreditEtl";
    public static final String MODEL = "CreditModel";
    public static final String OPERATOR = "CreditOperator";

    /**
     * Feature flags the stacks rely on, set in code rather than cdk.json so that tests and {@code cdk synth} build
     * the same templates.
     */
    public static final Map<String, Object> FEATURE_FLAGS = Map.of(
            // Access-log delivery through a bucket policy instead of the legacy ACL grant.
            "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true,
            // One statement per effect, action set and condition: shorter, reviewable policies.
            "@aws-cdk/aws-iam:minimizePolicies", true,
            // Strong references: CloudFormation refuses to delete the bucket export while a stack imports it.
            "@aws-cdk/core:defaultCrossStackReferences", "strong");

    /** A new app with the feature flags and the given context (e.g. {@code endpoint=true}). */
    public static App newApp(Map<String, Object> context) {
        Map<String, Object> merged = new HashMap<>(FEATURE_FLAGS);
        merged.putAll(context);
        return new App(AppProps.builder().context(merged).build());
    }

    /** Adds the four stacks to {@code app}, with cdk-nag's AwsSolutions checks over all of them. */
    public static CreditStacks create(App app, AppSettings settings, DeployArtifacts artifacts) {
        StackProps props = StackProps.builder()
                .env(environment())
                .description("Credit decisions, explained")
                .build();
        DataStack data = new DataStack(app, DATA, props, DataProps.of(artifacts.datagenJar()));
        EtlStack etl = new EtlStack(
                app,
                ETL,
                props,
                new EtlProps(data.bucket(), artifacts.etlJar(), artifacts.etlScript(), EtlProps.DEFAULT_WORKERS));
        ModelStack model = new ModelStack(app, MODEL, props, new ModelProps(data.bucket(), settings));
        OperatorStack operator = new OperatorStack(
                app,
                OPERATOR,
                props,
                new OperatorProps(
                        List.of(data.getStackName(), etl.getStackName(), model.getStackName()),
                        data.bucket(),
                        data.datagen(),
                        etl.job().getRef(),
                        model.executionRole(),
                        List.of(model.trainingRepository(), model.explainerRepository())));
        Tags.of(app).add(OperatorStack.PROJECT_TAG, OperatorStack.PROJECT);
        Aspects.of(app)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return new CreditStacks(data, etl, model, operator);
    }

    /**
     * The account and region of the CLI's credentials ({@code CDK_DEFAULT_ACCOUNT}, {@code CDK_DEFAULT_REGION}),
     * or an environment-agnostic stack when they are unset (tests, synth without credentials).
     */
    private static Environment environment() {
        return Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
    }
}

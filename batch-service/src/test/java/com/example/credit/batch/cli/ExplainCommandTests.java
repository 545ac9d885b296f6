package com.example.credit.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.credit.batch.TestExplainer;
import com.example.credit.batch.endpoint.FakeSageMakerRuntimeAccess;
import com.example.credit.testsupport.golden.GoldenBundle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ExplainCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void explainsEveryApplicationInOrderThroughAnExplainerAtAUrlInBatches() {
        List<ObjectNode> applications = GoldenBundle.testApplications().subList(0, 5);
        StringBuilder in = new StringBuilder();
        applications.forEach(application -> {
            ObjectNode copy = application.deepCopy();
            copy.remove("row_id");
            in.append(copy).append('\n');
        });

        try (TestExplainer explainer = TestExplainer.start()) {
            int code = run(in.toString(), "--url", explainer.baseUrl().toString(), "--batch-size", "2");

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(explainer.recordsPerRequest()).containsExactly(2, 2, 1);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(5);
            for (int i = 0; i < 5; i++) {
                JsonNode record = JsonMapper.shared().readTree(lines.get(i));
                assertThat(record.path("prediction").asDouble()).isEqualTo(explainer.predict(applications.get(i)));
            }
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("5 application(s) explained by explainer http://");
    }

    /** The default AWS credential chain finds these (a stand-in needs no real key). */
    @BeforeEach
    void setCredentials() {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void callsADeployedEndpointThroughSageMakerRuntimeWithTheDefaultCredentialChain() throws Exception {
        try (FakeSageMakerRuntimeAccess fake = FakeSageMakerRuntimeAccess.start()) {
            int code = runThrough(fake, "{\"a\":1}\n\n{\"a\":2}\n", "--entities", "prediction");

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"prediction\":0.25}\n{\"prediction\":0.25}\n");
            assertThat(fake.paths()).containsExactly("/endpoints/credit-explainer/invocations");
            assertThat(fake.customAttributes()).containsExactly("entities=prediction");
        }
    }

    @Test
    void aModelErrorEndsWithExitCodeOneAndTheContainersMessage() throws Exception {
        try (FakeSageMakerRuntimeAccess fake = FakeSageMakerRuntimeAccess.start()) {
            fake.failWithModelError("credit__amount: must be at least 1");
            int code = runThrough(fake, "{\"a\":1}\n");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("the model container answered 400: credit__amount: must be at least 1");
        }
    }

    @Test
    void passesTheExplanationMethodReferenceAndFormatAsCustomAttributes() throws Exception {
        try (FakeSageMakerRuntimeAccess fake = FakeSageMakerRuntimeAccess.start()) {
            int code = runThrough(
                    fake,
                    "{\"a\":1}\n",
                    "--entities",
                    "prediction,reasons",
                    "--method",
                    "interventional",
                    "--reference",
                    "approved",
                    "--format",
                    "original");

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(fake.customAttributes())
                    .containsExactly("entities=prediction,reasons;explanation_method=interventional;"
                            + "reference=approved;explanation_format=original");
        }
    }

    /** Runs the command against the endpoint {@code credit-explainer} of a SageMaker Runtime stand-in. */
    private int runThrough(FakeSageMakerRuntimeAccess fake, String stdin, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--endpoint-name",
                "credit-explainer",
                "--region",
                "eu-west-1",
                "--aws-endpoint",
                fake.url().toString()));
        args.addAll(List.of(options));
        return run(stdin, args.toArray(String[]::new));
    }

    @Test
    void refusesAnOptionValueThatWouldBreakTheCustomAttributes() {
        assertThat(run("", "--url", "http://127.0.0.1:9", "--reference", "approved;entities=data"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("explain: --reference needs a value without ';' or '=', got 'approved;entities=data'");
    }

    @Test
    void needsExactlyOneOfEndpointNameAndUrl() {
        assertThat(run("", "--entities", "prediction")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("explain: give exactly one of --endpoint-name and --url", "usage: explain");
        err.reset();
        assertThat(run("", "--url", "not a url")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--url must be a URL such as http://127.0.0.1:8080, not 'not a url'");
    }

    private int run(String stdin, String... args) {
        return new ExplainCommand()
                .run(
                        args,
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}

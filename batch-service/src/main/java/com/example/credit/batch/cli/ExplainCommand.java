package com.example.credit.batch.cli;

import com.example.credit.batch.BatchException;
import com.example.credit.batch.endpoint.Endpoint;
import com.example.credit.batch.endpoint.HttpEndpoint;
import com.example.credit.batch.endpoint.SageMakerEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClientBuilder;

/**
 * {@code explain}: applications as JSON Lines on standard input, explained by a deployed endpoint through SageMaker
 * Runtime or by an explainer at a URL, one JSON line out per application (the explainer's response record, in
 * input order). Records go in MultiRecord batches of {@code --batch-size} lines.
 *
 * <pre>
 * explain --endpoint-name credit-explainer [--region eu-west-1] [--entities prediction,reasons] &lt; apps.jsonl
 * explain --url http://127.0.0.1:8080 [--entities ...] [--batch-size 50] &lt; apps.jsonl
 * </pre>
 */
public final class ExplainCommand {

    static final String USAGE = String.join(
            "\n",
            "usage: explain (--endpoint-name NAME [--region R] [--aws-endpoint URL] | --url URL)",
            "               [--entities e1,e2] [--method path_dependent|interventional] [--reference NAME]",
            "               [--format clarify|original] [--batch-size 50]   < applications.jsonl > explanations.jsonl",
            "  --endpoint-name  a deployed SageMaker endpoint, called with InvokeEndpoint (credentials and region from",
            "                   the default AWS chain; --aws-endpoint for a SageMaker Runtime-compatible server)",
            "  --url            an explainer reached directly, e.g. http://127.0.0.1:8080 (a local jar or container)",
            "  --entities       what each response record holds (the explainer README lists them); default: its own",
            "  --method         the explanation method (explanation_method): path_dependent (the explainer's default)",
            "                   or interventional (against a reference population shipped with the model)",
            "  --reference      the reference population of an interventional explanation (reference), e.g. approved;",
            "                   default: the model's background sample",
            "  --format         the response shape (explanation_format): the explainer's default, clarify or original",
            "  --batch-size     applications per request (default 50; the explainer accepts MultiRecord JSON Lines)",
            "exit codes: 0 done, 1 the endpoint failed, 2 usage error");

    private static final Set<String> FLAGS = Set.of(
            "endpoint-name",
            "region",
            "aws-endpoint",
            "url",
            "entities",
            "method",
            "reference",
            "format",
            "batch-size");
    private static final String JSON_LINES = "application/jsonlines";

    private final Function<Flags, Endpoint> endpoints;

    /** The command with the real back ends. */
    public ExplainCommand() {
        this(ExplainCommand::endpoint);
    }

    ExplainCommand(Function<Flags, Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    public static void main(String[] args) {
        System.exit(new ExplainCommand().run(args, System.in, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Flags flags;
        int batchSize;
        Endpoint endpoint;
        Optional<String> attributes;
        try {
            flags = Flags.parse(Arrays.asList(args), FLAGS);
            Integer size = flags.integer("batch-size");
            batchSize = size == null ? 50 : size;
            if (batchSize < 1) {
                throw new UsageException("--batch-size must be at least 1, was " + batchSize);
            }
            if ((flags.get("endpoint-name") == null) == (flags.get("url") == null)) {
                throw new UsageException("give exactly one of --endpoint-name and --url");
            }
            attributes = customAttributes(flags);
            endpoint = endpoints.apply(flags);
        } catch (UsageException e) {
            err.println("explain: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> batch = new ArrayList<>();
            long records = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                batch.add(line);
                if (batch.size() == batchSize) {
                    records += send(endpoint, batch, attributes, out);
                }
            }
            if (!batch.isEmpty()) {
                records += send(endpoint, batch, attributes, out);
            }
            err.println("explain: " + records + " application(s) explained by " + endpoint.describe());
            return 0;
        } catch (BatchException e) {
            err.println("explain: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("explain: cannot read the applications: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The request options as SageMaker custom attributes ({@code key=value} pairs separated by {@code ;}), which the
     * explainer reads as it reads Content-Type parameters: the values are checked by the explainer (a 400 names a
     * wrong one); here only that a value cannot break the pairs.
     */
    static Optional<String> customAttributes(Flags flags) {
        List<String> pairs = new ArrayList<>();
        for (String[] option : new String[][] {
            {"entities", "entities"},
            {"method", "explanation_method"},
            {"reference", "reference"},
            {"format", "explanation_format"}
        }) {
            String value = flags.get(option[0]);
            if (value == null) {
                continue;
            }
            if (value.isBlank() || value.contains(";") || value.contains("=")) {
                throw new UsageException("--" + option[0] + " needs a value without ';' or '=', got '" + value + "'");
            }
            pairs.add(option[1] + "=" + value.strip());
        }
        return pairs.isEmpty() ? Optional.empty() : Optional.of(String.join(";", pairs));
    }

    /** One MultiRecord request; its response lines, one a record, go out in order. Empties the batch. */
    private static int send(Endpoint endpoint, List<String> batch, Optional<String> attributes, PrintStream out) {
        byte[] body = (String.join("\n", batch) + "\n").getBytes(StandardCharsets.UTF_8);
        Endpoint.Response response = endpoint.invoke(new Endpoint.Request(body, JSON_LINES, JSON_LINES, attributes));
        List<String> lines = new String(response.body(), StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
        if (lines.size() != batch.size()) {
            throw new BatchException(endpoint.describe() + " answered " + lines.size() + " record(s) for "
                    + batch.size() + " application(s); expected one line each");
        }
        lines.forEach(out::println);
        int sent = batch.size();
        batch.clear();
        return sent;
    }

    private static Endpoint endpoint(Flags flags) {
        if (flags.get("url") != null) {
            return new HttpEndpoint(uri(flags.get("url"), "--url"));
        }
        SageMakerRuntimeClientBuilder builder =
                SageMakerRuntimeClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (flags.get("region") != null) {
            builder.region(Region.of(flags.get("region")));
        }
        if (flags.get("aws-endpoint") != null) {
            builder.endpointOverride(uri(flags.get("aws-endpoint"), "--aws-endpoint"));
        }
        try {
            return new SageMakerEndpoint(builder.build(), flags.get("endpoint-name"));
        } catch (SdkClientException e) {
            // Typically no region: neither --region nor AWS_REGION nor a profile's region.
            throw new UsageException(
                    "cannot set up SageMaker Runtime: " + e.getMessage() + " (pass --region or set AWS_REGION)");
        }
    }

    private static URI uri(String value, String flag) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " must be a URL such as http://127.0.0.1:8080, not '" + value + "'");
        }
    }
}

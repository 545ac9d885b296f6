package com.example.credit.pipeline.aws;

import com.example.credit.datagen.generate.GenerationRequest;
import com.example.credit.pipeline.Stages;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generate stage on AWS: the datagen Lambda writes the raw datasets to {@code raw/<run-id>/} of the bucket.
 * Small runs are invoked synchronously (the answer carries the row counts or the function's error); large ones with
 * the {@code Event} invocation type, and the stage then waits for the {@code _SUCCESS} object the function writes
 * last.
 */
final class LambdaGenerate {

    /** Up to this many applicants the function finishes well inside one synchronous call. */
    static final long SYNCHRONOUS_LIMIT = 200_000;

    static final String STAGE = "generate";

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final AwsRun run;

    LambdaGenerate(AwsRun run) {
        this.run = run;
    }

    /** The raw datasets' prefix of this run. */
    String prefix() {
        return "raw/" + run.runId() + "/";
    }

    Stages.Generated generate(GenerationRequest request, Consumer<String> progress) {
        return run.stage(STAGE, () -> result(request, progress), before -> invoke(before, request, progress), progress);
    }

    private Stages.Generated invoke(RunRecord.Stage before, GenerationRequest request, Consumer<String> progress) {
        boolean asynchronous = request.n() > SYNCHRONOUS_LIMIT;
        if (before.status() == RunRecord.Status.RUNNING
                && before.resource("invocation").filter("Event"::equals).isPresent()) {
            progress.accept("re-attaching: the asynchronous invocation of the earlier attempt is still awaited");
        } else if (run.bucket.read(prefix() + "_SUCCESS").isPresent()) {
            progress.accept("the raw datasets of this run are complete already: " + run.bucket.uri(prefix()));
        } else {
            call(request, asynchronous, progress);
        }
        if (asynchronous) {
            awaitSuccessMarker(progress);
        }
        return result(request, progress);
    }

    private void call(GenerationRequest request, boolean asynchronous, Consumer<String> progress) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("mode", request.mode().wireName());
        event.put("n", request.n());
        event.put("seed", request.seed());
        event.put("output", run.bucket.uri(prefix().substring(0, prefix().length() - 1)));
        // A retried stage replaces what a failed attempt left behind.
        event.put("overwrite", true);
        String function = run.stacks.datagenFunction();
        InvocationType type = asynchronous ? InvocationType.EVENT : InvocationType.REQUEST_RESPONSE;
        progress.accept("invoking Lambda " + function + " ("
                + (asynchronous ? "Event, then waiting for _SUCCESS" : "synchronous") + "), seed " + request.seed()
                + ": " + event);
        run.resource(STAGE, "function", function);
        run.resource(STAGE, "invocation", type.toString());
        run.resource(STAGE, "output", run.bucket.uri(prefix()));
        InvokeResponse response;
        try {
            response = run.clients.lambda().invoke(call -> call.functionName(function)
                    .invocationType(type)
                    .payload(SdkBytes.fromUtf8String(MAPPER.writeValueAsString(event))));
        } catch (SdkException e) {
            throw AwsFailures.explain("invoking the datagen Lambda " + function + " (Lambda Invoke)", e);
        }
        if (response.functionError() != null) {
            JsonNode error = parse(response.payload().asUtf8String());
            throw new AwsJobFailedException("the datagen Lambda " + function + " failed ("
                    + response.functionError() + "): " + error.path("errorType").asString("")
                    + ": "
                    + error.path("errorMessage").asString(response.payload().asUtf8String())
                    + " (log group /aws/lambda/" + function + ")");
        }
        if (!asynchronous) {
            progress.accept("the function answered: "
                    + response.payload().asUtf8String().strip());
        }
    }

    private void awaitSuccessMarker(Consumer<String> progress) {
        String function = run.stacks.datagenFunction();
        Poller.Poll last = run.poller.await(
                "Lambda " + function,
                () -> run.bucket.read(prefix() + "_SUCCESS").isPresent()
                        ? new Poller.Poll(Poller.Phase.DONE, "complete", "_SUCCESS written")
                        : new Poller.Poll(Poller.Phase.RUNNING, "generating", "waiting for " + prefix() + "_SUCCESS"),
                progress);
        if (last.phase() != Poller.Phase.DONE) {
            throw new AwsJobFailedException("the datagen Lambda did not finish: " + last.message());
        }
    }

    private Stages.Generated result(GenerationRequest request, Consumer<String> progress) {
        String marker = run.bucket
                .read(prefix() + "_SUCCESS")
                .orElseThrow(() -> new AwsStageException(run.bucket.uri(prefix() + "_SUCCESS")
                        + " is missing: the datagen Lambda did not complete (see the" + " log group /aws/lambda/"
                        + run.stacks.datagenFunction() + ")"));
        JsonNode manifest = parse(marker);
        long applicants = manifest.path("rows").path("credits").asLong(-1);
        if (applicants < 0 || manifest.path("seed").asLong() != request.seed()) {
            throw new AwsStageException(run.bucket.uri(prefix() + "_SUCCESS") + " does not describe this request"
                    + " (seed " + request.seed() + "): " + marker.strip());
        }
        run.figure(STAGE, "applicants", applicants);
        run.figure(STAGE, "seed", request.seed());
        progress.accept(applicants + " applicants in " + run.bucket.uri(prefix()) + ", seed " + request.seed());
        return new Stages.Generated(run.bucket.uri(prefix()), applicants, request.seed());
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            return MAPPER.createObjectNode();
        }
    }
}

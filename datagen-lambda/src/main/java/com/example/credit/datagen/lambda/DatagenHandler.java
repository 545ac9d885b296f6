package com.example.credit.datagen.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.example.credit.datagen.Datagen;
import com.example.credit.datagen.output.DatasetTarget;
import com.example.credit.datagen.output.DatasetTargets;
import com.example.credit.datagen.output.LazyS3Client;
import com.example.credit.datagen.output.Manifest;
import com.example.credit.datagen.output.S3Settings;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point ({@code com.example.credit.datagen.lambda.DatagenHandler::handleRequest}). Event keys:
 * {@code mode}, {@code n}, {@code seed}, {@code output} (else environment variable {@code OUTPUT_URI}),
 * {@code overwrite}. Without a seed it draws a fresh one and returns it, so every dataset can be regenerated.
 * Bad events fail with an {@link com.example.credit.datagen.InvalidRequestException} naming the key.
 */
public final class DatagenHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final Map<String, String> environment;
    private final Supplier<S3Client> s3;
    private final SecureRandom seeds = new SecureRandom();

    /** The Lambda runtime's constructor: configuration from the environment, S3 client created on first use. */
    public DatagenHandler() {
        this(System.getenv(), null);
    }

    /**
     * A handler with an explicit environment and, optionally, S3 client (for S3-compatible servers).
     *
     * @param s3 the client to use; null to create one from the environment on first use
     */
    public DatagenHandler(Map<String, String> environment, S3Client s3) {
        this.environment = Map.copyOf(environment);
        this.s3 = s3 != null ? () -> s3 : new LazyS3Client(S3Settings.from(this.environment, Optional.empty()));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        DatagenEvent request = DatagenEvent.parse(event, environment, seeds::nextLong);
        Consumer<String> log = context != null ? context.getLogger()::log : System.err::println;
        DatasetTarget target = DatasetTargets.open(request.output(), request.overwrite(), s3);
        Manifest manifest = Datagen.run(request.request(), target, log);
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("credits", manifest.credits());
        rows.put("people", manifest.people());
        rows.put("contacts", manifest.contacts());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("format_version", manifest.formatVersion());
        response.put("mode", request.request().mode().wireName());
        response.put("n", request.request().n());
        response.put("seed", request.request().seed());
        response.put("output", target.location());
        response.put("rows", rows);
        return response;
    }
}

package com.example.credit.testsupport.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The tests' SDK clients, configured as the brief of the stand-in says: endpoint override, dummy keys, eu-west-1. */
final class Clients {

    private Clients() {}

    /** A client of the stand-in, with the SDK's default retry behaviour (the fault tests count its retries). */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C of(AwsStandIn aws, B builder) {
        return builder.endpointOverride(aws.endpoint())
                .region(Region.of(AwsStandIn.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTANDIN", "x")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * Calls {@code describe} until {@code status} of its answer is one of {@code terminal}, and returns every status
     * seen, in order. A short pause between calls, as a poller has; fails after ten seconds.
     */
    static <R> List<String> pollUntil(Supplier<R> describe, Function<R, String> status, String... terminal) {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String current = status.apply(describe.get());
            seen.add(current);
            if (List.of(terminal).contains(current)) {
                return seen;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no terminal status after ten seconds; seen " + seen);
    }

    /** The statuses in order with repeats collapsed: [A, B, B, C] reads [A, B, C]. */
    static List<String> distinct(List<String> statuses) {
        List<String> steps = new ArrayList<>();
        for (String status : statuses) {
            if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(status)) {
                steps.add(status);
            }
        }
        return steps;
    }
}

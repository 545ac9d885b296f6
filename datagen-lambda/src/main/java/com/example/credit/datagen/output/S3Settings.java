package com.example.credit.datagen.output;

import com.example.credit.datagen.InvalidRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach S3: the AWS endpoint by default, or an S3-compatible server (endpoint override, usually with
 * path-style addressing).
 *
 * @param endpoint endpoint override; empty for AWS
 * @param pathStyle address buckets in the path instead of the host name
 * @param region signing region; {@value #DEFAULT_REGION} when unset
 */
public record S3Settings(Optional<URI> endpoint, boolean pathStyle, String region) {

    /** Environment variable with an endpoint override (for example {@code http://localhost:9090}). */
    public static final String ENDPOINT_VARIABLE = "DATAGEN_S3_ENDPOINT";

    /** Environment variable forcing path-style access ({@code true}/{@code false}); defaults to on with an endpoint. */
    public static final String PATH_STYLE_VARIABLE = "DATAGEN_S3_PATH_STYLE";

    /** The region when neither {@code AWS_REGION} nor {@code AWS_DEFAULT_REGION} is set. */
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
    }

    /**
     * Settings from environment variables, optionally overridden by an explicit endpoint (a CLI flag).
     *
     * @throws InvalidRequestException when an endpoint is not an http(s) URL
     */
    public static S3Settings from(Map<String, String> environment, Optional<String> endpointFlag) {
        Optional<String> endpointText = endpointFlag
                .or(() -> Optional.ofNullable(environment.get(ENDPOINT_VARIABLE)))
                .filter(text -> !text.isBlank());
        Optional<URI> endpoint = endpointText.map(S3Settings::endpoint);
        String pathStyle = environment.get(PATH_STYLE_VARIABLE);
        boolean usePathStyle = pathStyle == null ? endpoint.isPresent() : Boolean.parseBoolean(pathStyle);
        String region = Optional.ofNullable(environment.get("AWS_REGION"))
                .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION")))
                .orElse(DEFAULT_REGION);
        return new S3Settings(endpoint, usePathStyle, region);
    }

    /** A client with the JDK URL-connection HTTP client and the default credential chain. */
    public S3Client createClient() {
        return createClient(DefaultCredentialsProvider.builder().build());
    }

    /** A client with the JDK URL-connection HTTP client and the given credentials. */
    public S3Client createClient(AwsCredentialsProvider credentials) {
        return clientBuilder(credentials).build();
    }

    /** A configured client builder, for callers that add their own settings (interceptors, retries). */
    public S3ClientBuilder clientBuilder(AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidRequestException("s3-endpoint", text, "must be an http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("s3-endpoint", text, "must be an http:// or https:// URL");
        }
    }
}

package com.example.credit.datagen.output;

import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Creates the S3 client on first use and keeps it: a run that writes locally never pays for the SDK, and warm
 * Lambda invocations reuse the client and its connections.
 */
public final class LazyS3Client implements Supplier<S3Client>, AutoCloseable {

    private final S3Settings settings;
    private S3Client client;

    public LazyS3Client(S3Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public synchronized S3Client get() {
        if (client == null) {
            client = settings.createClient();
        }
        return client;
    }

    /** Closes the client if one was created. */
    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}

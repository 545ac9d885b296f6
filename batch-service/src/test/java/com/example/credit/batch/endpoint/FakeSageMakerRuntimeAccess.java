package com.example.credit.batch.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/** {@link FakeSageMakerRuntime} for tests outside this package (the command line's). */
public final class FakeSageMakerRuntimeAccess implements AutoCloseable {

    private final FakeSageMakerRuntime fake;

    private FakeSageMakerRuntimeAccess(FakeSageMakerRuntime fake) {
        this.fake = fake;
    }

    public static FakeSageMakerRuntimeAccess start() {
        try {
            return new FakeSageMakerRuntimeAccess(new FakeSageMakerRuntime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return fake.url();
    }

    public List<String> paths() {
        return fake.requests().stream().map(FakeSageMakerRuntime.Recorded::path).toList();
    }

    public List<String> customAttributes() {
        return fake.requests().stream()
                .map(request -> request.header("x-amzn-sagemaker-custom-attributes"))
                .toList();
    }

    public void failWithModelError(String message) {
        fake.answer(
                424,
                "ModelError",
                "{\"Message\":\"Received client error (400)\",\"OriginalStatusCode\":400,\"OriginalMessage\":\""
                        + message + "\"}");
    }

    @Override
    public void close() {
        fake.close();
    }
}

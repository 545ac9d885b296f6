package com.example.credit.testsupport.container;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * Whether the LocalStack suite can run: a container engine answers and already holds LocalStack's image. The
 * image cannot be pulled on machines without a registry (ours), where the engine is podman with only the
 * project's own images; there the suite is skipped, and everything it checks is also covered against S3Mock and the
 * wire-protocol stand-in ({@code AwsStandIn}). Used by datagen-lambda's and the pipeline's LocalStack tests.
 */
public final class LocalStackImage {

    /** The LocalStack release the suite runs against. */
    public static final String NAME = "localstack/localstack:4.9";

    private LocalStackImage() {}

    /**
     * A LocalStack container with the given services and the engine's own socket mounted, as LocalStack's Lambda
     * needs it to start function containers (Docker's socket, or podman's API socket).
     */
    public static LocalStackContainer container(String... services) {
        return new LocalStackContainer(NAME)
                .withServices(services)
                .withFileSystemBind(
                        DockerClientFactory.instance().getRemoteDockerUnixSocketPath(),
                        "/var/run/docker.sock",
                        BindMode.READ_WRITE);
    }

    /** True when an engine answers and has {@link #NAME} locally; the JUnit condition of the suite. */
    public static boolean present() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return false;
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(NAME).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}

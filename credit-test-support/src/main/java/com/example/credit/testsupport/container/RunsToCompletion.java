package com.example.credit.testsupport.container;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerStatus;

/**
 * A one-shot startup check for containers that run a job and exit (training, batch transform): the container has
 * "started" once it has run to its end, whatever its exit code, so that a test reads the code from the engine
 * ({@code getCurrentContainerInfo().getState().getExitCodeLong()}) and asserts on it, failures included. Testcontainers'
 * {@code OneShotStartupCheckStrategy} fails the start on a non-zero code instead. Give it a timeout:
 * {@code new RunsToCompletion().withTimeout(Duration.ofMinutes(3))}.
 */
public final class RunsToCompletion extends StartupCheckStrategy {

    /** Successful once the container has stopped, not yet known while it runs. */
    @Override
    public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
        return DockerStatus.isContainerStopped(getCurrentState(dockerClient, containerId))
                ? StartupStatus.SUCCESSFUL
                : StartupStatus.NOT_YET_KNOWN;
    }
}
